package ingest

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// peek reads up to n bytes from r and returns them with a reader that
// yields them again followed by the rest of r. Only a clean io.EOF ends
// the peek quietly: io.ReadFull cannot be used, as it would hide a
// truncated gzip stream's io.ErrUnexpectedEOF.
func peek(r io.Reader, n int) ([]byte, io.Reader, error) {
	head := make([]byte, n)
	k, empty := 0, 0
	for k < n {
		m, err := r.Read(head[k:])
		k += m
		if m == 0 && err == nil {
			if empty++; empty > 100 {
				return nil, nil, fmt.Errorf("read: %w", io.ErrNoProgress)
			}
		}
		if err == io.EOF {
			return head[:k], bytes.NewReader(head[:k]), nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read: %w", err)
		}
	}
	return head, io.MultiReader(bytes.NewReader(head), r), nil
}

// readLimited reads all of r, or fails with ErrTooLarge past limit bytes
// without holding more than limit+1 bytes. sizeHint, when positive, is the
// expected size, read into one allocation.
func readLimited(r io.Reader, limit, sizeHint int64) ([]byte, error) {
	var buf bytes.Buffer
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(buf.Len()) > limit {
		return nil, fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
	}
	return buf.Bytes(), nil
}

// checkText rejects content that is not UTF-8 text: binary content
// (NUL bytes or many control characters), invalid UTF-8 (the error gives
// the offset of the first bad byte), and content with nothing but blanks.
func checkText(b []byte) error {
	if isUTF16(b) {
		return fmt.Errorf("%w (UTF-16 text; convert it to UTF-8)", ErrNotUTF8)
	}
	if bytes.IndexByte(b, 0) >= 0 || looksBinary(b) {
		return ErrBinary
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("%w (first bad byte at offset %d)", ErrNotUTF8, invalidUTF8At(b))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\uFEFF")))) == 0 {
		return ErrEmpty
	}
	return nil
}

// isUTF16 reports a UTF-16 byte-order mark, which Windows editors write.
func isUTF16(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// budget bounds what one archive layer may decompress: at most max bytes
// in all, and, past ratioGrace bytes, at most ratio times the compressed
// bytes consumed so far.
type budget struct {
	compressed func() int64
	out        int64
	max        int64
	ratio      int64
}

func (b *budget) charge(n int) error {
	b.out += int64(n)
	if b.out > b.max {
		return fmt.Errorf("decompresses to more than %d bytes: %w", b.max, ErrTooLarge)
	}
	if b.out > ratioGrace {
		in := max(b.compressed(), 1)
		if b.out/in >= b.ratio {
			return fmt.Errorf("%d bytes from %d compressed: %w", b.out, in, ErrBomb)
		}
	}
	return nil
}

// guardReader reads decompressed bytes and charges every budget that
// covers them (a member's and its archive's). Once a budget is exceeded
// every later read fails too.
type guardReader struct {
	r       io.Reader
	budgets []*budget
	err     error
}

func (g *guardReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for _, b := range g.budgets {
		if berr := b.charge(n); berr != nil {
			g.err = berr
			return 0, berr
		}
	}
	return n, err
}

// countReader counts the bytes read through it and reports them to the
// progress hook.
type countReader struct {
	r io.Reader
	n int64
	p *progress // may be nil
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.p != nil {
		c.p.add(int64(n))
	}
	return n, err
}

// progressEvery is how many bytes pass between calls to the hook.
const progressEvery = 256 << 10

// progress tracks bytes consumed for Options.Progress.
type progress struct {
	fn       func(done, total int64)
	total    int64
	done     int64
	reported int64
}

func (p *progress) add(n int64) {
	if n <= 0 {
		return
	}
	p.done += n
	if p.done-p.reported >= progressEvery {
		p.report()
	}
}

func (p *progress) report() {
	if p.fn == nil {
		return
	}
	p.reported = p.done
	p.fn(p.done, p.total)
}

func (p *progress) finish() {
	if p.total >= 0 {
		p.done = p.total
	}
	p.report()
}
