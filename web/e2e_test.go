package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep/api"
	"github.com/sitrep/sitrep/store"
	_ "github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/web"
)

// e2eReport is what web/e2e/run.mjs saw.
type e2eReport struct {
	Mode            string              `json:"mode"`
	ConsoleErrors   []string            `json:"consoleErrors"`
	PageErrors      []string            `json:"pageErrors"`
	Dialogs         []string            `json:"dialogs"`
	FailedRequests  []string            `json:"failedRequests"`
	ForeignRequests []string            `json:"foreignRequests"`
	Screenshots     []string            `json:"screenshots"`
	Stray           map[string][]string `json:"stray"`
	Fatal           string              `json:"fatal"`
	Timings         map[string]int      `json:"timings"` // milliseconds per step
	Timeline        struct {
		Rows      []string `json:"rows"`
		Items     int      `json:"items"`
		Ranges    int      `json:"ranges"`
		BestEvent string   `json:"bestEvent"`
		Clicked   string   `json:"clicked"`
		Export    struct {
			Status int    `json:"status"`
			Type   string `json:"type"`
			Lines  int    `json:"lines"`
		} `json:"export"`
	} `json:"timeline"`
	Filtered, MapFiltered struct {
		Type string   `json:"type"`
		URL  string   `json:"url"`
		Rows []string `json:"rows"`
	}
	Map struct {
		Outlines, Points, Areas, Countries int
		Rows, ViewRows, HomsRows           []string
		ViewBBox                           string
	} `json:"map"`
	Network struct {
		Canvas int        `json:"canvas"`
		Edges  [][]string `json:"edges"`
	} `json:"network"`
	XSS, Event evidenceView
	Copies     []int `json:"copies"`
}

// evidenceView is what an event page showed.
type evidenceView struct {
	Title           string     `json:"title"`
	Sentences       []string   `json:"sentences"`
	Sources         []string   `json:"sources"`
	Origins         int        `json:"origins"`
	PerOrigin       []int      `json:"perOrigin"`
	Claims          []string   `json:"claims"`
	Marks           [][]string `json:"marks"`
	Scripts         int        `json:"scripts"`
	Images          int        `json:"images"`
	Bold            int        `json:"bold"`
	JavascriptLinks int        `json:"javascriptLinks"`
}

// e2eTools returns the Chromium binary and checks node and playwright-core,
// skipping the test with the reason when one is absent.
func e2eTools(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end browser test skipped in -short mode")
	}
	chrome := os.Getenv("SITREP_CHROMIUM")
	if chrome == "" {
		chrome = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chrome); err != nil {
		t.Skipf("end-to-end test needs Chromium at %s (apt-get install chromium, or set SITREP_CHROMIUM): %v", chrome, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("end-to-end test needs node on PATH")
	}
	if _, err := os.Stat(filepath.Join("..", "node_modules", "playwright-core", "package.json")); err != nil {
		t.Skip("end-to-end test needs node_modules/playwright-core: run npm ci in the repository root")
	}
	return chrome
}

// serve starts the UI and the real API over st, mounted the way
// sitrep serve mounts them.
func serve(t *testing.T, st store.Store) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/api/", api.New(st, api.Options{}))
	mux.Handle("/", web.Handler(web.Options{}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	res, err := http.Get(srv.URL + "/timeline")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusInternalServerError {
		t.Skip("web UI vendor files not built: run make data (sh web/vendor.sh node_modules) first")
	}
	return srv
}

// fixtureStore is a fresh SQLite store holding the fixture corpus.
func fixtureStore(t *testing.T) store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	docs, sit := fixture()
	for _, d := range docs {
		if stored, err := st.PutDocument(ctx, d); err != nil || !stored {
			t.Fatalf("store fixture %s: stored %v, err %v", d.Doc.ID, stored, err)
		}
	}
	if err := st.PutSituation(ctx, sit); err != nil {
		t.Fatalf("store fixture situation: %v", err)
	}
	return st
}

// runBrowser runs e2e/run.mjs against srv and returns its report.
func runBrowser(t *testing.T, chrome, base, mode string) e2eReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 55*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join("e2e", "run.mjs"), base, t.TempDir(), chrome, mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node e2e/run.mjs: %v\nstderr:\n%s\nstdout:\n%s", err, stderr.String(), out)
	}
	var r e2eReport
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("e2e report is not JSON: %v\n%s\nstderr:\n%s", err, out, stderr.String())
	}
	if r.Fatal != "" {
		t.Errorf("browser run stopped: %s", r.Fatal)
	}
	t.Logf("browser steps (ms): %v", r.Timings)
	return r
}

// checkCommon checks what holds on any store: no errors, nothing fetched
// from elsewhere, no stray values, the filter narrows the list, and
// screenshots are real PNGs (copied to $SITREP_SCREENSHOTS when set).
func checkCommon(t *testing.T, r e2eReport, pages int) {
	t.Run("no errors, offline", func(t *testing.T) {
		for _, list := range []struct {
			what string
			v    []string
		}{{"console error", r.ConsoleErrors}, {"page error", r.PageErrors}, {"dialog (script ran)", r.Dialogs},
			{"failed request", r.FailedRequests}, {"request off the test server", r.ForeignRequests}} {
			for _, v := range list.v {
				t.Errorf("%s: %s", list.what, v)
			}
		}
		if len(r.Stray) < pages {
			t.Errorf("stray-text check ran on %d pages, want %d", len(r.Stray), pages)
		}
		for page, v := range r.Stray {
			if len(v) > 0 {
				t.Errorf("%s page shows JavaScript values as text: %q", page, v)
			}
		}
	})
	t.Run("views render", func(t *testing.T) {
		if len(r.Timeline.Rows) == 0 || r.Timeline.Items == 0 {
			t.Errorf("timeline lists %d events and draws %d", len(r.Timeline.Rows), r.Timeline.Items)
		}
		if !strings.HasPrefix(r.Timeline.Clicked, "/event/") {
			t.Errorf("clicking a timeline item led to %q, not an event page", r.Timeline.Clicked)
		}
		if e := r.Timeline.Export; e.Status != 200 || !strings.Contains(e.Type, "csv") || e.Lines < 2 {
			t.Errorf("CSV export link: status %d, type %q, %d lines", e.Status, e.Type, e.Lines)
		}
		if r.Map.Outlines < 150 {
			t.Errorf("map has %d paths; the country outlines are missing", r.Map.Outlines)
		}
		if r.Network.Canvas == 0 || len(r.Network.Edges) == 0 {
			t.Errorf("network view: %d canvases, %d edges", r.Network.Canvas, len(r.Network.Edges))
		}
		if r.Event.Title == "" || len(r.Event.Sentences) == 0 {
			t.Errorf("event page shows title %q and %d sentences", r.Event.Title, len(r.Event.Sentences))
		}
	})
	t.Run("filter", func(t *testing.T) {
		ty := r.Filtered.Type
		if ty == "" || !strings.Contains(r.Filtered.URL, "type="+ty) || len(r.Filtered.Rows) == 0 {
			t.Errorf("after filtering type %q: url %s, rows %v", ty, r.Filtered.URL, r.Filtered.Rows)
		}
		if len(r.Filtered.Rows) >= len(r.Timeline.Rows) {
			t.Errorf("filtering type %s kept %d of %d events", ty, len(r.Filtered.Rows), len(r.Timeline.Rows))
		}
		for _, got := range append(r.Filtered.Rows, r.MapFiltered.Rows...) {
			if got != ty {
				t.Errorf("list filtered to %s shows a %s event", ty, got)
			}
		}
		if !strings.Contains(r.MapFiltered.URL, "/map?type="+ty) || len(r.MapFiltered.Rows) != len(r.Filtered.Rows) {
			t.Errorf("map view did not keep the filter: url %s, rows %v", r.MapFiltered.URL, r.MapFiltered.Rows)
		}
		if strings.Count(r.Map.ViewBBox, ",") != 3 {
			t.Errorf("'filter to visible area' set bbox %q", r.Map.ViewBBox)
		}
	})
	t.Run("screenshots", func(t *testing.T) {
		if len(r.Screenshots) < 5 {
			t.Errorf("%d screenshots, want at least 5", len(r.Screenshots))
		}
		keep := os.Getenv("SITREP_SCREENSHOTS")
		for _, p := range r.Screenshots {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Error(err)
				continue
			}
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s is not a PNG: %v", p, err)
				continue
			}
			if bd := img.Bounds(); bd.Dx() < 800 || bd.Dy() < 400 {
				t.Errorf("%s is %dx%d, too small for a page", p, bd.Dx(), bd.Dy())
			}
			if keep != "" {
				name := r.Mode + "-" + filepath.Base(p)
				if err := os.MkdirAll(keep, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(keep, name), b, 0o644); err != nil {
					t.Error(err)
				}
			}
		}
	})
}

// TestEndToEnd drives the UI over the fixture corpus and the real API.
func TestEndToEnd(t *testing.T) {
	chrome := e2eTools(t)
	srv := serve(t, fixtureStore(t))
	r := runBrowser(t, chrome, srv.URL, "fixture")
	checkCommon(t, r, 6)

	_, sit := fixture()
	t.Run("timeline", func(t *testing.T) {
		if len(r.Timeline.Rows) != len(sit.Events) {
			t.Errorf("timeline lists %d events, want %d", len(r.Timeline.Rows), len(sit.Events))
		}
		if r.Timeline.Items != len(sit.Events) || r.Timeline.Ranges != 1 {
			t.Errorf("timeline draws %d items with %d ranges, want %d and 1 (the early-October troop arrival)",
				r.Timeline.Items, r.Timeline.Ranges, len(sit.Events))
		}
	})
	t.Run("export", func(t *testing.T) {
		// A header line and one row per event.
		if e := r.Timeline.Export; e.Lines != len(sit.Events)+1 {
			t.Errorf("CSV export has %d lines, want %d", e.Lines, len(sit.Events)+1)
		}
	})
	t.Run("map", func(t *testing.T) {
		// Homs and Talbiseh are points; Raqqa governorate has a bbox;
		// Syria is a country without one, drawn as its outline.
		if r.Map.Points != 2 || r.Map.Areas != 1 || r.Map.Countries != 1 {
			t.Errorf("map draws %d points, %d areas, %d countries; want 2, 1, 1", r.Map.Points, r.Map.Areas, r.Map.Countries)
		}
		// The map opens fitted to every event, so its view keeps them all.
		if len(r.Map.ViewRows) != len(sit.Events) {
			t.Errorf("bbox of the fitted map view keeps %d events, want %d", len(r.Map.ViewRows), len(sit.Events))
		}
		slices.Sort(r.Map.HomsRows)
		if want := []string{"Homs (point)", "Talbiseh (point)"}; !slices.Equal(r.Map.HomsRows, want) {
			t.Errorf("bbox around Homs lists %q, want %q", r.Map.HomsRows, want)
		}
	})
	t.Run("network", func(t *testing.T) {
		// One edge per actor-recipient pair, weighted by fused events.
		if len(r.Network.Edges) != len(sit.Events) {
			t.Errorf("network lists %d edges, want %d: %v", len(r.Network.Edges), len(sit.Events), r.Network.Edges)
		}
	})
	t.Run("html shows as text", func(t *testing.T) {
		x := r.XSS
		if !slices.Contains(x.Sentences, xssSentence) {
			t.Errorf("the hostile sentence is not shown verbatim as text; sentences: %q", x.Sentences)
		}
		if x.Scripts+x.Images+x.Bold+x.JavascriptLinks > 0 {
			t.Errorf("source markup became elements: %d script, %d img, %d b, %d javascript: links",
				x.Scripts, x.Images, x.Bold, x.JavascriptLinks)
		}
		if len(x.Sources) == 0 || !strings.Contains(x.Sources[0], "Blog <b>Watch</b>") || !strings.Contains(x.Sources[0], "<img src=x") {
			t.Errorf("source name and title are not shown as text: %q", x.Sources)
		}
		want := [][]string{{"hl-actor", "Russian jets"}, {"hl-trigger", "bombed"}, {"hl-recipient", "bakery"}, {"hl-place", "Talbiseh"}}
		for _, w := range want {
			if !slices.ContainsFunc(x.Marks, func(m []string) bool { return slices.Equal(m, w) }) {
				t.Errorf("no %s highlight on %q; marks %v", w[0], w[1], x.Marks)
			}
		}
	})
	t.Run("event page", func(t *testing.T) {
		if r.Event.Origins != 2 || len(r.Event.Sentences) != 2 {
			t.Errorf("Caspian event shows %d origins, %d reports; want 2 and 2", r.Event.Origins, len(r.Event.Sentences))
		}
		if !slices.Equal(r.Event.Claims, []string{"26", "18"}) {
			t.Errorf("contradiction side by side shows %v, want [26 18]", r.Event.Claims)
		}
		// The Homs strike: Reuters and its copy in one column, TASS in another.
		if !slices.Equal(r.Copies, []int{2, 1}) {
			t.Errorf("Homs strike reports per origin %v, want [2 1]", r.Copies)
		}
		triggers := 0
		for _, m := range r.Event.Marks {
			if m[0] == "hl-trigger" && m[1] == "fired" {
				triggers++
			}
		}
		if triggers != 2 {
			t.Errorf("want the trigger 'fired' marked in both reports; marks %v", r.Event.Marks)
		}
	})
}

// TestEndToEndStore drives the UI over an existing database, such as the
// one `sitrep run` builds from the demo corpus:
//
//	SITREP_E2E_STORE=sitrep.db go test ./web -run EndToEndStore
func TestEndToEndStore(t *testing.T) {
	url := os.Getenv("SITREP_E2E_STORE")
	if url == "" {
		t.Skip("set SITREP_E2E_STORE to a sitrep database (e.g. the sitrep.db of `sitrep run`) to drive the UI over it")
	}
	chrome := e2eTools(t)
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	defer st.Close()
	srv := serve(t, st)
	r := runBrowser(t, chrome, srv.URL, "smoke")
	checkCommon(t, r, 4)
	t.Logf("%d fused events; filter %s kept %d; map: %d points, %d areas, %d countries; %d network edges; event %q with %d reports",
		len(r.Timeline.Rows), r.Filtered.Type, len(r.Filtered.Rows), r.Map.Points, r.Map.Areas, r.Map.Countries,
		len(r.Network.Edges), r.Event.Title, len(r.Event.Sentences))
}
