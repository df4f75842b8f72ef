package dictfmt

import "testing"

func TestComments(t *testing.T) {
	var c Comments
	for _, tt := range []struct {
		in, want string
		keep     bool
	}{
		{"PUTIN_ <!-- a note --> [RUSGOV]", "PUTIN_  [RUSGOV]", true},
		{"ASSAD_ [SYRGOV] <!-- opens", "ASSAD_ [SYRGOV] ", true},
		{"still inside", "", false},
		{"closes --> LAVROV_ [RUSGOV]", " LAVROV_ [RUSGOV]", true},
		{"plain", "plain", true},
	} {
		got, keep := c.Strip(tt.in)
		if got != tt.want || keep != tt.keep {
			t.Errorf("Strip(%q) = %q, %v; want %q, %v", tt.in, got, keep, tt.want, tt.keep)
		}
	}
}
