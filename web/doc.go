// Package web serves sitrep's browser UI: a single page that reads the JSON
// API (package api) and shows the fused situation as a timeline, a map, an
// actor network and an evidence page per event.
//
// It consumes only the API's JSON, so it sits after store and api and
// before nothing. Everything the page loads comes from this handler: the
// application's own files under static/ and the third-party libraries
// (Leaflet, vis-timeline, vis-network, Natural Earth outlines from
// world-atlas) that vendor.sh copies from node_modules into
// static/vendor/. Both are embedded at build time, so the UI works
// offline. When the vendor files were not built, every page answers 500
// with a message saying how to build them.
//
// Text from sources is untrusted: the page inserts it with DOM text nodes
// (textContent, createTextNode), never as HTML, and the handler sends a
// Content-Security-Policy that allows scripts from this origin only.
package web
