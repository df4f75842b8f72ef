package main

import "net/http"

// uiHandler serves the web UI.
func uiHandler() http.Handler {
	return http.NotFoundHandler()
}
