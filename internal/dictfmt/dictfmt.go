// Package dictfmt holds what the two readers of PETRARCH/Phoenix
// dictionaries share: package actor reads actor and agent dictionaries,
// eval/events reads verb dictionaries, and both files strip HTML-style
// comments that may span lines.
package dictfmt

import "strings"

// Comments strips "<!-- ... -->" comments from the lines of one
// dictionary, read in order. The zero value is ready to use.
type Comments struct {
	open bool // inside a comment that began on an earlier line
}

// Strip returns line without its comment and false when the whole line
// lies inside a comment. One comment per line is removed, as the
// dictionaries write them.
func (c *Comments) Strip(line string) (string, bool) {
	if c.open {
		i := strings.Index(line, "-->")
		if i < 0 {
			return "", false
		}
		c.open = false
		line = line[i+3:]
	}
	if i := strings.Index(line, "<!--"); i >= 0 {
		if j := strings.Index(line[i:], "-->"); j >= 0 {
			line = line[:i] + line[i+j+3:]
		} else {
			c.open = true
			line = line[:i]
		}
	}
	return line, true
}
