package ingest

import (
	"io"

	"github.com/sitrep/sitrep"
)

// Default limits. A zero field in Options means the default.
const (
	DefaultMaxDocBytes     = 5 << 20  // bytes of one document's input (page, text file, JSON line, WARC payload)
	DefaultMaxInputBytes   = 64 << 20 // bytes of an input parsed whole (a feed, a zip read from stdin)
	DefaultMaxArchiveBytes = 1 << 30  // decompressed bytes read from one gzip or zip archive
	DefaultMaxRatio        = 100      // decompressed/compressed bytes past which an archive is a bomb
	DefaultMaxRecords      = 100_000  // records taken from one feed, JSON Lines file, WARC or zip
	DefaultMaxErrors       = 1_000    // input errors kept in a Result; later ones are only counted

	// ratioGrace is the decompressed size below which the ratio is not
	// checked: small, highly repetitive files compress very well and are
	// harmless.
	ratioGrace = 1 << 20

	// maxDepth bounds archives inside archives.
	maxDepth = 3
)

// Format is an input format.
type Format string

// Formats that Sniff recognises.
const (
	FormatUnknown Format = ""
	FormatText    Format = "text"
	FormatHTML    Format = "html"
	FormatFeed    Format = "feed" // RSS 1.0/2.0, Atom, JSON Feed
	FormatJSONL   Format = "jsonl"
	FormatWARC    Format = "warc"
	FormatGzip    Format = "gzip"
	FormatZip     Format = "zip"
)

// Options configures reading. The zero value is usable.
type Options struct {
	// Source, URL and Published fill the corresponding Doc fields when the
	// input itself does not say (no front matter, no metadata). Published
	// is an ISO 8601 date or date-time.
	Source    string
	URL       string
	Published string

	// Format forces a format instead of sniffing each input.
	Format Format

	// KeepDuplicates turns off deduplication by URL and content hash.
	KeepDuplicates bool

	// Known, when set, reports whether a document is already stored (by
	// its Hash or URL), so that re-running an ingest over the same inputs
	// emits nothing new. Known documents count as Duplicates. It is
	// called after the in-run deduplication, even with KeepDuplicates.
	Known func(*sitrep.Doc) bool

	// Stdin is read for the input "-". Nil means no standard input: "-"
	// then fails as an input error.
	Stdin io.Reader

	// Progress, when set, is called from Read's goroutine as input bytes
	// are consumed: done counts bytes read from files and stdin (compressed
	// bytes for archives), total is the sum of the input files' sizes, or
	// -1 when unknown (stdin is among the inputs). It is called at least
	// once per input and at most about every 256 KiB, and a last time with
	// done == total when Read ends normally.
	Progress func(done, total int64)

	// Limits; zero means the Default constant of the same name.
	MaxDocBytes     int64
	MaxInputBytes   int64
	MaxArchiveBytes int64
	MaxRatio        int64
	MaxRecords      int
	MaxErrors       int
}

func (o Options) withDefaults() Options {
	if o.MaxDocBytes <= 0 {
		o.MaxDocBytes = DefaultMaxDocBytes
	}
	if o.MaxInputBytes <= 0 {
		o.MaxInputBytes = DefaultMaxInputBytes
	}
	if o.MaxArchiveBytes <= 0 {
		o.MaxArchiveBytes = DefaultMaxArchiveBytes
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = DefaultMaxRatio
	}
	if o.MaxRecords <= 0 {
		o.MaxRecords = DefaultMaxRecords
	}
	if o.MaxErrors <= 0 {
		o.MaxErrors = DefaultMaxErrors
	}
	return o
}
