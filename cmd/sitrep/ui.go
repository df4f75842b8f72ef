package main

import (
	"net/http"

	"github.com/sitrep/sitrep/web"
)

// uiHandler serves the web UI, which reads the API on the same origin.
func uiHandler() http.Handler {
	return web.Handler(web.Options{})
}
