// Package web serves sitrep's browser UI: a single page that reads the JSON
// API (package api) and shows the fused situation as a timeline, a map, an
// actor network and an evidence page per event.
//
// It consumes only the API's JSON, so it sits after store and api and
// before nothing. Handler is mounted at "/" beside the API at "/api/" (see
// cmd/sitrep serve). Everything the page loads comes from this handler:
// the application's own files under static/ and the third-party libraries
// (Leaflet, vis-timeline, vis-network, Natural Earth outlines from
// world-atlas, country codes from world-countries) that vendor.sh copies
// from node_modules into static/vendor/ (make data runs it). Both are
// embedded at build time, so the UI works offline. When the vendor files
// were not built, every page answers 500 saying how to build them.
//
// # Pages
//
// /timeline (also /), /map, /network and /event/{fused-id} are one page;
// the browser-side router picks the view. Filters live in the URL query
// under the API's parameter names (actor, type, from, to, place, source,
// status, min_origins, bbox), so they are shared by every view, survive a
// reload and can be linked.
//
// # Untrusted text
//
// Text from sources is untrusted: the page inserts it with DOM text nodes
// (textContent, createTextNode), never as HTML; library widgets get DOM
// elements, not strings; links are made only for http(s) URLs. The handler
// sends a Content-Security-Policy that allows scripts from this origin
// only. TestNoHTMLSinks guards the scripts statically and TestEndToEnd
// shows a hostile report in headless Chromium.
//
// # Tests
//
// TestEndToEnd drives the page in Chromium (/usr/bin/chromium or
// $SITREP_CHROMIUM) with node and playwright-core from node_modules, over
// the real API and a SQLite store of fixture reports; it skips when any of
// these is missing. Screenshots go to $SITREP_SCREENSHOTS when set.
// TestEndToEndStore does the same over an existing database named by
// $SITREP_E2E_STORE, such as the one `sitrep run` builds.
package web
