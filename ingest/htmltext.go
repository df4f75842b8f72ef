package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// nodeText renders the text of an HTML tree one block per line: every
// paragraph, heading, list item, table row or <br> ends a line, so the text
// stage can judge (and drop) each block on its own. Scripts, styles and
// other non-text elements are skipped; runs of white space become one
// space.
func nodeText(n *html.Node) string {
	var w textWriter
	w.walk(n, 0)
	w.endLine()
	return w.b.String()
}

// fragmentText is nodeText of an HTML fragment such as a feed item's
// content. Text that is not markup passes through with its line breaks.
func fragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), ctx)
	if err != nil {
		// The parser only fails on read errors; a string reader has none.
		return s
	}
	var w textWriter
	for _, n := range nodes {
		w.walk(n, 0)
	}
	w.endLine()
	return w.b.String()
}

// maxNodeDepth bounds recursion on hostile, deeply nested markup. The
// HTML parser itself caps nesting far below this, so it only guards trees
// built by other code.
const maxNodeDepth = 512

type textWriter struct {
	b       strings.Builder
	line    strings.Builder
	pending bool // a space is owed before the next word on this line
}

func (w *textWriter) walk(n *html.Node, depth int) {
	if depth > maxNodeDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if skipElement(n.DataAtom) {
			return
		}
		if n.DataAtom == atom.Br {
			w.endLine()
			return
		}
	case html.CommentNode, html.DoctypeNode:
		return
	}
	block := isBlock(n)
	if block {
		w.endLine()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.endLine()
	}
}

// text appends s to the current line. Words inside one text node are
// joined by a space; across nodes ("<b>Homs</b> province") a space is
// written only where the markup had white space.
func (w *textWriter) text(s string) {
	if s == "" {
		return
	}
	if isSpace(s[0]) {
		w.pending = true
	}
	words := strings.Fields(s)
	for _, f := range words {
		if w.pending && w.line.Len() > 0 {
			w.line.WriteByte(' ')
		}
		w.line.WriteString(f)
		w.pending = true
	}
	if len(words) > 0 {
		w.pending = isSpace(s[len(s)-1])
	}
}

func (w *textWriter) endLine() {
	if w.line.Len() > 0 {
		w.b.WriteString(w.line.String())
		w.b.WriteByte('\n')
		w.line.Reset()
	}
	w.pending = false
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func skipElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Iframe,
		atom.Svg, atom.Math, atom.Object, atom.Embed, atom.Canvas, atom.Head,
		atom.Select, atom.Button, atom.Form:
		return true
	}
	return false
}

func isBlock(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Tr, atom.Table,
		atom.Blockquote, atom.Pre, atom.Section, atom.Article, atom.Header,
		atom.Footer, atom.Aside, atom.Nav, atom.Main, atom.Figure, atom.Figcaption,
		atom.Hr, atom.Address, atom.Body, atom.Html, atom.Td, atom.Th, atom.Caption:
		return true
	}
	// Trafilatura's output tree uses a few non-HTML block names.
	switch n.Data {
	case "head", "list", "item", "quote", "row", "cell", "graphic":
		return true
	}
	return false
}
