package web_test

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep/sitrep/web"
)

// stubVendor stands in for the vendor build so these tests do not depend
// on make data having run.
func stubVendor() fstest.MapFS {
	m := fstest.MapFS{}
	for _, n := range []string{"leaflet/leaflet.js", "leaflet/leaflet.css", "vis-timeline/vis-timeline-graph2d.min.js",
		"vis-network/vis-network.min.js", "world-atlas/countries-50m.json", "world-atlas/iso3.json"} {
		m[n] = &fstest.MapFile{Data: []byte("/* stub */")}
	}
	return m
}

func get(t *testing.T, h http.Handler, method, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	res := rec.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestHandlerRoutes(t *testing.T) {
	h := web.Handler(web.Options{Vendor: stubVendor()})
	tests := []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/", 200, "text/html"},
		{"GET", "/timeline?type=ASSAULT", 200, "text/html"},
		{"GET", "/map", 200, "text/html"},
		{"GET", "/network", 200, "text/html"},
		{"GET", "/event/f%2F1", 200, "text/html"},
		{"HEAD", "/timeline", 200, "text/html"},
		{"GET", "/static/js/app.js", 200, "text/javascript"},
		{"GET", "/static/app.css", 200, "text/css"},
		{"GET", "/static/vendor/leaflet/leaflet.js", 200, "text/javascript"},
		{"GET", "/static/js/", 404, ""},
		{"GET", "/static/vendor/", 404, ""},
		{"GET", "/static/index.html", 301, ""}, // FileServer's canonical redirect to the directory
		{"GET", "/static/nope.js", 404, ""},
		{"GET", "/etc/passwd", 404, ""},
		{"GET", "/static/../web.go", 307, ""}, // cleaned by ServeMux to /web.go, which is 404
		{"POST", "/timeline", 405, ""},
	}
	for _, tt := range tests {
		res, _ := get(t, h, tt.method, tt.path)
		if res.StatusCode != tt.status {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
		}
		if ct := res.Header.Get("Content-Type"); tt.ctype != "" && !strings.HasPrefix(ct, tt.ctype) {
			t.Errorf("%s %s: Content-Type %q, want %s", tt.method, tt.path, ct, tt.ctype)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s %s: CSP %q does not restrict scripts", tt.method, tt.path, csp)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: no nosniff header", tt.method, tt.path)
		}
	}
}

func TestHandlerAPIBase(t *testing.T) {
	for _, tt := range []struct {
		base, meta, connect string
	}{
		{"", `content="/api/v1"`, "connect-src 'self';"},
		{"/sitrep/api/v1", `content="/sitrep/api/v1"`, "connect-src 'self';"},
		{"https://api.example:8443/api/v1", `content="https://api.example:8443/api/v1"`, "connect-src 'self' https://api.example:8443;"},
		{`/x"><script>alert(1)</script>`, `content="/x&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`, "connect-src 'self';"},
	} {
		res, body := get(t, web.Handler(web.Options{APIBase: tt.base, Vendor: stubVendor()}), "GET", "/")
		if res.StatusCode != 200 || !strings.Contains(body, tt.meta) {
			t.Errorf("APIBase %q: status %d, page lacks %s", tt.base, res.StatusCode, tt.meta)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, tt.connect) {
			t.Errorf("APIBase %q: CSP %q lacks %q", tt.base, csp, tt.connect)
		}
	}
	for _, bad := range []string{"api/v1", "ftp://host/api", "javascript:alert(1)", "http://"} {
		res, body := get(t, web.Handler(web.Options{APIBase: bad}), "GET", "/")
		if res.StatusCode != 500 || !strings.Contains(body, "APIBase") {
			t.Errorf("APIBase %q: status %d, body %q; want 500 naming APIBase", bad, res.StatusCode, body)
		}
	}
}

func TestHandlerWithoutVendor(t *testing.T) {
	h := web.Handler(web.Options{Vendor: fstest.MapFS{}})
	for _, p := range []string{"/", "/map", "/event/x"} {
		res, body := get(t, h, "GET", p)
		if res.StatusCode != 500 || !strings.Contains(body, "vendor.sh") || !strings.Contains(body, "static/vendor/leaflet/leaflet.js") {
			t.Errorf("GET %s without vendor files: status %d, body %q; want 500 saying how to build them", p, res.StatusCode, body)
		}
	}
	// The application's own files are still served.
	if res, _ := get(t, h, "GET", "/static/js/app.js"); res.StatusCode != 200 {
		t.Errorf("app.js: status %d", res.StatusCode)
	}
}

// TestNoHTMLSinks guards issue 9 statically: the page's scripts never
// hand strings to an HTML parser. The end-to-end test checks the same in a
// browser with hostile fixtures.
func TestNoHTMLSinks(t *testing.T) {
	sink := regexp.MustCompile(`\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|createContextualFragment|DOMParser|srcdoc|bindPopup\(\s*['"` + "`" + `]`)
	files, err := filepath.Glob(filepath.Join("static", "js", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts found: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := sink.FindString(line); m != "" {
				t.Errorf("%s:%d: %s passes a string to an HTML parser; build DOM nodes with el() instead", f, i+1, m)
			}
		}
	}
	idx, err := fs.ReadFile(os.DirFS("static"), "index.html")
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`<script>|<script [^>]*>[^<]`).Match(idx) || strings.Contains(string(idx), "http") {
		t.Error("index.html has an inline script or loads something from the net")
	}
}

// FuzzHandlerPath checks that no request path makes the handler fail or
// echo the path back into an HTML page.
func FuzzHandlerPath(f *testing.F) {
	for _, s := range []string{"/", "/timeline", "/event/a/b", "/static/js/app.js", "/static/../../etc/passwd",
		"/event/<script>", "/%2e%2e/", "//x", "/static/vendor/leaflet/leaflet.js"} {
		f.Add(s)
	}
	h := web.Handler(web.Options{Vendor: stubVendor()})
	f.Fuzz(func(t *testing.T, path string) {
		req, err := http.NewRequest("GET", "http://sitrep.test/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Path = "/" + strings.TrimPrefix(path, "/")
		req.RequestURI = req.URL.RequestURI()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Errorf("path %q: status %d", path, rec.Code)
		}
		if strings.Contains(path, "<") && strings.Contains(rec.Body.String(), path) {
			t.Errorf("path %q echoed into the response", path)
		}
	})
}

func BenchmarkIndex(b *testing.B) {
	h := web.Handler(web.Options{Vendor: stubVendor()})
	req := httptest.NewRequest("GET", "/timeline", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}

// TestVendorScript runs vendor.sh into a temporary directory and serves
// the page from what it wrote.
func TestVendorScript(t *testing.T) {
	nm, err := filepath.Abs(filepath.Join("..", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(nm, "leaflet")); err != nil {
		t.Skip("node_modules not installed (npm ci); vendor.sh has nothing to copy")
	}
	out := filepath.Join(t.TempDir(), "vendor")
	if b, err := exec.Command("sh", "vendor.sh", nm, out).CombinedOutput(); err != nil {
		t.Fatalf("vendor.sh: %v\n%s", err, b)
	}
	h := web.Handler(web.Options{Vendor: os.DirFS(out)})
	if res, body := get(t, h, "GET", "/map"); res.StatusCode != 200 || !strings.Contains(body, "vendor/leaflet/leaflet.js") {
		t.Errorf("page over vendor.sh output: status %d", res.StatusCode)
	}
	res, body := get(t, h, "GET", "/static/vendor/world-atlas/iso3.json")
	if res.StatusCode != 200 || !strings.Contains(body, `"760":"SYR"`) {
		t.Errorf("iso3.json: status %d, Syria's code pair missing", res.StatusCode)
	}
	for _, lic := range []string{"leaflet", "vis-timeline", "vis-network", "world-atlas", "world-countries"} {
		if _, err := os.Stat(filepath.Join(out, lic, "LICENSE")); err != nil {
			t.Errorf("%s licence not copied: %v", lic, err)
		}
	}

	// A missing package is named, and nothing is left half-written.
	bad := filepath.Join(t.TempDir(), "vendor")
	b, err := exec.Command("sh", "vendor.sh", t.TempDir(), bad).CombinedOutput()
	if err == nil || !strings.Contains(string(b), "leaflet/dist/leaflet.js is missing") {
		t.Errorf("vendor.sh over an empty node_modules: err %v, output %q", err, b)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("failed vendor.sh left %s behind", bad)
	}
}
