package queue

import (
	"errors"
	"testing"

	"github.com/sitrep/sitrep"
)

func TestWireRoundTrip(t *testing.T) {
	in := &sitrep.Document{Doc: sitrep.Doc{ID: "a", Source: "Reuters", Published: "2015-10-01", Raw: "Line one.\nLine two.\n"}}
	data, hash, err := encodeDoc(in)
	if err != nil {
		t.Fatal(err)
	}
	if hash != docHash(&in.Doc) || len(hash) != 64 {
		t.Errorf("hash %q, want the SHA-256 of Raw", hash)
	}
	out, err := decodeDoc(data)
	if err != nil {
		t.Fatal(err)
	}
	if out.Doc.Raw != in.Doc.Raw || out.Doc.ID != "a" || out.Doc.Hash != hash || out.Doc.Source != "Reuters" {
		t.Errorf("round trip: got %+v", out.Doc)
	}
	if in.Doc.Hash != "" {
		t.Error("encodeDoc changed the caller's document")
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"empty", ""},
		{"not json", "Russian warplanes"},
		{"no id", `{"doc":{"source":"x"},"raw":"text"}`},
		{"wrong type", `{"doc":[1,2]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := decodeDoc([]byte(tc.data)); !errors.Is(err, sitrep.ErrMalformed) {
				t.Errorf("decodeDoc: err %v, want ErrMalformed", err)
			}
			if _, err := decodeStored([]byte(tc.data)); !errors.Is(err, sitrep.ErrMalformed) {
				t.Errorf("decodeStored: err %v, want ErrMalformed", err)
			}
		})
	}
	if _, _, err := encodeDoc(&sitrep.Document{}); !errors.Is(err, sitrep.ErrMalformed) {
		t.Errorf("encodeDoc without ID: err %v, want ErrMalformed", err)
	}
}

// FuzzDecode checks that any message body either decodes to a document
// with an ID and a hash, or fails with ErrMalformed; never a panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"doc":{"id":"a","source":"TASS"},"raw":"Russian warplanes struck near Homs."}`))
	f.Add([]byte(`{"doc":{"id":"b","hash":"00"},"raw":""}`))
	f.Add([]byte(`{"doc":{"id":""}}`))
	f.Add([]byte(`{"doc":{"id":"c"},"events":[{"id":"e"}]}`))
	f.Add([]byte("\xff\xfe"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := decodeDoc(data); err != nil {
			if !errors.Is(err, sitrep.ErrMalformed) {
				t.Fatalf("decodeDoc: error %v is not ErrMalformed", err)
			}
		} else if d.Doc.ID == "" || d.Doc.Hash == "" {
			t.Fatalf("decodeDoc: document without ID or hash: %+v", d.Doc)
		}
		if d, err := decodeStored(data); err != nil {
			if !errors.Is(err, sitrep.ErrMalformed) {
				t.Fatalf("decodeStored: error %v is not ErrMalformed", err)
			}
		} else if d.Doc.ID == "" {
			t.Fatal("decodeStored: document without ID")
		}
	})
}
