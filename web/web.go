package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
)

// DefaultAPIBase is where the page looks for the JSON API when
// Options.APIBase is empty: the path package api serves.
const DefaultAPIBase = "/api/v1"

// Options configure the UI handler. The zero value serves the embedded
// files and expects the API at DefaultAPIBase on the same origin.
type Options struct {
	// APIBase is the API's base URL as the browser sees it: a path such as
	// "/api/v1", or an absolute http(s) URL when the API lives elsewhere
	// (its origin is then added to the page's connect-src).
	APIBase string
	// Vendor, when set, serves the third-party libraries instead of the
	// embedded static/vendor; it must have the layout vendor.sh writes,
	// e.g. os.DirFS("web/static/vendor").
	Vendor fs.FS
}

//go:embed static
var files embed.FS

// vendorFiles are the libraries the page cannot run without; Handler
// checks for them so a missing build step gives a clear page, not a blank one.
var vendorFiles = []string{
	"leaflet/leaflet.js",
	"leaflet/leaflet.css",
	"vis-timeline/vis-timeline-graph2d.min.js",
	"vis-network/vis-network.min.js",
	"world-atlas/countries-50m.json",
	"world-atlas/iso3.json",
}

// views are the page paths the single-page application answers; the
// browser-side router picks the view from the path.
var views = []string{"/{$}", "/timeline", "/map", "/network", "/event/{id...}"}

// Handler returns the UI handler, to be mounted at "/" beside the API.
// It answers GET and HEAD only: the view paths with the page, /static/
// with the application and vendor files, anything else with 404.
func Handler(opts Options) http.Handler {
	h, err := newHandler(opts)
	if err != nil {
		// A bad option is a programming error; answer every request
		// with it rather than panic inside a server.
		return failing(http.StatusInternalServerError, "sitrep web UI misconfigured", err.Error())
	}
	return h
}

func newHandler(opts Options) (http.Handler, error) {
	base := opts.APIBase
	if base == "" {
		base = DefaultAPIBase
	}
	connect, err := connectSrc(base)
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, fmt.Errorf("web: embedded static files: %w", err)
	}
	vendor := opts.Vendor
	if vendor == nil {
		if vendor, err = fs.Sub(static, "vendor"); err != nil {
			return nil, fmt.Errorf("web: embedded vendor files: %w", err)
		}
	}
	csp := "default-src 'self'; script-src 'self'; " +
		// Leaflet and vis position elements with style attributes, and the
		// vis standalone builds inject their stylesheet.
		"style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
		"connect-src " + connect + "; object-src 'none'; base-uri 'none'; " +
		"form-action 'self'; frame-ancestors 'none'"

	mux := http.NewServeMux()
	if missing := missingFiles(vendor, vendorFiles); len(missing) > 0 {
		msg := "The web UI's browser libraries were not built; missing: " + strings.Join(missing, ", ") +
			". Run `make data` (or `sh web/vendor.sh node_modules` after `npm ci`) and rebuild."
		page := failing(http.StatusInternalServerError, "sitrep: web UI not built", msg)
		for _, v := range views {
			mux.Handle("GET "+v, page)
		}
	} else {
		page, err := renderIndex(static, base)
		if err != nil {
			return nil, err
		}
		for _, v := range views {
			mux.Handle("GET "+v, page)
		}
	}
	mux.Handle("GET /static/vendor/", http.StripPrefix("/static/vendor/", fileServer(vendor)))
	mux.Handle("GET /static/", http.StripPrefix("/static/", fileServer(static)))

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", csp)
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		mux.ServeHTTP(w, r)
	}), nil
}

// connectSrc returns the CSP connect-src value that lets the page reach
// the API at base.
func connectSrc(base string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("web: APIBase %q: %w", base, err)
	}
	switch {
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		return "'self'", nil
	case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
		return "'self' " + u.Scheme + "://" + u.Host, nil
	}
	return "", fmt.Errorf("web: APIBase %q is neither an absolute path nor an http(s) URL", base)
}

func missingFiles(fsys fs.FS, names []string) []string {
	var missing []string
	for _, n := range names {
		if _, err := fs.Stat(fsys, n); err != nil {
			missing = append(missing, "static/vendor/"+n)
		}
	}
	return missing
}

// renderIndex fills the page template once; the page is the same for
// every view.
func renderIndex(static fs.FS, apiBase string) (http.Handler, error) {
	t, err := template.ParseFS(static, "index.html")
	if err != nil {
		return nil, fmt.Errorf("web: page template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, struct{ APIBase string }{apiBase}); err != nil {
		return nil, fmt.Errorf("web: page template: %w", err)
	}
	page := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(page)
	}), nil
}

// fileServer serves files of fsys but no directory listings. A name that
// is not a valid fs path (e.g. not UTF-8) is 404, where FileServer would
// answer 500.
func fileServer(fsys fs.FS) http.Handler {
	fh := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || !fs.ValidPath(strings.TrimPrefix(r.URL.Path, "/")) {
			http.NotFound(w, r)
			return
		}
		fh.ServeHTTP(w, r)
	})
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title></head>
<body><h1>{{.Title}}</h1><p>{{.Msg}}</p></body></html>
`))

// failing answers every request with status and a short HTML page.
func failing(status int, title, msg string) http.Handler {
	var b bytes.Buffer
	errorPage.Execute(&b, struct{ Title, Msg string }{title, msg})
	page := b.Bytes()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		w.Write(page)
	})
}
