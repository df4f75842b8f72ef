package ingest

import (
	"bytes"
	"fmt"
	"time"

	"github.com/mmcdole/gofeed"
)

// readFeed reads an RSS, Atom or JSON Feed document; every item with text
// becomes a document named "path#item-N" (N from 1, in feed order). The
// item's content (or, failing that, its summary) is HTML reduced to text;
// its date is Published, its link the URL, and the feed's title the Source.
func (r *reader) readFeed(in input) error {
	data, err := readLimited(in.r, r.opts.MaxInputBytes, in.size)
	if err == nil && (bytes.IndexByte(data, 0) >= 0 || looksBinary(data)) {
		err = ErrBinary
	}
	if err == nil && len(bytes.TrimSpace(data)) == 0 {
		err = ErrEmpty
	}
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatFeed, Err: err})
		return nil
	}
	feed, err := parseFeed(data)
	if err != nil {
		r.fail(&InputError{Input: in.name, Format: FormatFeed, Err: err})
		return nil
	}
	items := feed.Items
	if len(items) > r.opts.MaxRecords {
		r.fail(&InputError{Input: in.name, Format: FormatFeed,
			Err: fmt.Errorf("%d items, only the first %d read: %w", len(items), r.opts.MaxRecords, ErrTooMany)})
		items = items[:r.opts.MaxRecords]
	}
	for i, it := range items {
		if it == nil {
			continue
		}
		rec := feedItem(feed, it)
		rec.name = fmt.Sprintf("%s#item-%d", in.name, i+1)
		if rec.text == "" {
			r.res.Skipped++
			continue
		}
		if err := r.add(FormatFeed, rec); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed parses a feed, turning a parser panic into an error.
func parseFeed(data []byte) (feed *gofeed.Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("%w: feed parser failed (panic): %v", ErrMalformed, v)
		}
	}()
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: feed: %v", ErrMalformed, err)
	}
	return feed, nil
}

// feedItem maps one item to a record without a name.
func feedItem(feed *gofeed.Feed, it *gofeed.Item) record {
	body := it.Content
	if collapseSpace(fragmentText(body)) == "" {
		body = it.Description
	}
	text := fragmentText(body)
	if collapseSpace(text) == "" {
		text = ""
	}
	rec := record{
		source: feed.Title,
		url:    it.Link,
		title:  collapseSpace(fragmentText(it.Title)),
		text:   text,
	}
	if rec.url == "" && len(it.Links) > 0 {
		rec.url = it.Links[0]
	}
	switch {
	case it.PublishedParsed != nil:
		rec.published = isoTime(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		rec.published = isoTime(*it.UpdatedParsed)
	}
	return rec
}

// isoTime formats a feed date: a bare date when the feed gave midnight
// UTC (most likely a date without a time), RFC 3339 otherwise.
func isoTime(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		_, off := t.Zone()
		if off == 0 {
			return t.Format("2006-01-02")
		}
	}
	return t.Format(time.RFC3339)
}
