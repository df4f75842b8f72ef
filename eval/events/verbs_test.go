package events

import (
	"strings"
	"testing"
)

// A small dictionary in the TABARI format, written for these tests.
const testVerbs = `<!-- test dictionary -->
&TIES
+RELATIONS
+DIPLOMATIC TIES

--- RESTORE  [064]  ---
RESTORE    # default
- * &TIES WITH +  [065]
- NOT * [112]

--- SHOT  [223] ---
SHOT
- + WAS * DEAD IN $ [224]

--- MEET  [031:032] ---
MEET {MET}
+CONFER
`

func words(s string) []item {
	var out []item
	for _, w := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(w, "@"):
			out = append(out, item{actor: w[1:], pos: "NNP"})
		case strings.HasPrefix(w, "!"):
			out = append(out, item{word: w[1:], pos: "VBD"})
		default:
			out = append(out, item{word: w, pos: "NN"})
		}
	}
	return out
}

func TestCodeItems(t *testing.T) {
	vd, err := parseVerbs("test.verbs", strings.NewReader(testVerbs))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in string
		dyad     bool
		want     string
	}{
		{"default code", "@ARN !RESTORED TIES WITH @GON", true, "ARN>GON:064"},
		{"pattern with synset and target", "@ARN !RESTORED FULL DIPLOMATIC TIES WITH @GON", true, "ARN>GON:065"},
		{"passive pattern binds both roles", "@ERI WAS !SHOT DEAD IN @OSG", true, "OSG>ERI:224"},
		{"reciprocal code, compound target", "@BRE !MET @ERI AND @CAL", true, "BRE>CAL:031 BRE>ERI:031 CAL>BRE:032 ERI>BRE:032"},
		{"synonym verb", "@BRE !CONFER WITH @ERI", true, "BRE>ERI:031 ERI>BRE:032"},
		{"no target, dyad required", "@ARN !RESTORED TIES", true, ""},
		{"no target, dyad not required", "@ARN !RESTORED TIES", false, "ARN>---:064"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codeItems(vd, words(tt.in), tt.dyad)
			sortTriples(got)
			var s []string
			for _, g := range got {
				s = append(s, g.String())
			}
			if j := strings.Join(s, " "); j != tt.want {
				t.Errorf("got %q, want %q", j, tt.want)
			}
		})
	}
}

func TestParseVerbsErrors(t *testing.T) {
	for _, bad := range []string{
		"- * TIES [064]\n",                   // pattern outside a block
		"--- X [010] ---\nX\n- TIES [011]\n", // no verb marker
		"--- X [010] ---\nX\n- * TIES\n",     // no code
		"--- X [010] ---\nX {Y\n",            // unclosed forms
	} {
		if _, err := parseVerbs("bad.verbs", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "bad.verbs:") {
			t.Errorf("%q: error %v, want one naming bad.verbs:line", bad, err)
		}
	}
}

func FuzzParseVerbs(f *testing.F) {
	f.Add(testVerbs)
	f.Add("--- X [010] ---\nX\n- $ * _ + &S_ [1:2]\n&S\n+&S\n")
	f.Add("<!-- a\n--> --- [] ---\n+\n-  * [ # ]\n")
	f.Fuzz(func(t *testing.T, s string) {
		vd, err := parseVerbs("fuzz.verbs", strings.NewReader(s))
		if err != nil {
			return
		}
		// Whatever parsed must code a sentence without panicking.
		codeItems(vd, words("@A !X @B AND THE @C , !Y @D"), false)
	})
}
