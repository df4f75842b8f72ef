// Package geotest holds the end-to-end test of the event stage after the
// geo stage. It is a package of its own so that the event package's tests
// do not depend on the gazetteer building; it has no code.
package geotest
