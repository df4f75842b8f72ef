package queue

import (
	"context"
	"errors"
	"fmt"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep/sitrep"
)

// DefaultPublishWindow is how many asynchronous publishes a Publisher lets
// wait for their acknowledgement before Send blocks.
const DefaultPublishWindow = 1024

// Publish puts d's ingested fields (Doc, with Raw) on subject, which must
// belong to a stream (SubjectDocs after Setup). The message ID is the
// document hash, so JetStream drops a repeat within DuplicateWindow;
// duplicate is true then.
func Publish(ctx context.Context, js jetstream.JetStream, subject string, d *sitrep.Document) (duplicate bool, err error) {
	msg, err := docMsg(subject, d)
	if err != nil {
		return false, fmt.Errorf("queue: publish: %w", err)
	}
	ack, err := js.PublishMsg(ctx, msg, jetstream.WithMsgID(msg.Header.Get(jetstream.MsgIDHeader)))
	if err != nil {
		return false, fmt.Errorf("queue: publish %s: %w", d.Doc.ID, err)
	}
	return ack.Duplicate, nil
}

func docMsg(subject string, d *sitrep.Document) (*nats.Msg, error) {
	data, hash, err := encodeDoc(d)
	if err != nil {
		return nil, err
	}
	msg := nats.NewMsg(subject)
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, hash)
	msg.Header.Set(HeaderDoc, d.Doc.ID)
	return msg, nil
}

// Publisher publishes ingested documents to SubjectDocs; it is what
// `sitrep ingest --to nats://host:4222` uses. Send publishes
// asynchronously with a bounded window; Wait collects the outcome. A
// Publisher is not safe for concurrent use.
type Publisher struct {
	nc      *nats.Conn // nil when the caller owns the connection
	js      jetstream.JetStream
	subject string
	window  int
	pending []pending
	sent    int
	dups    int
}

type pending struct {
	id  string
	fut jetstream.PubAckFuture
}

// Connect dials a NATS server ("nats://127.0.0.1:4222"), sets up the
// streams and returns a Publisher that closes the connection on Close.
func Connect(ctx context.Context, url string, opts ...nats.Option) (*Publisher, error) {
	nc, err := nats.Connect(url, append([]nats.Option{nats.Name("sitrep publisher")}, opts...)...)
	if err != nil {
		return nil, fmt.Errorf("queue: connect %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(DefaultPublishWindow))
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: jetstream on %s: %w", url, err)
	}
	p, err := NewPublisher(ctx, js)
	if err != nil {
		nc.Close()
		return nil, err
	}
	p.nc = nc
	return p, nil
}

// NewPublisher sets up the streams on js and returns a Publisher to
// SubjectDocs over it. Close does not close js's connection.
func NewPublisher(ctx context.Context, js jetstream.JetStream) (*Publisher, error) {
	if err := Setup(ctx, js); err != nil {
		return nil, err
	}
	return &Publisher{js: js, subject: SubjectDocs, window: DefaultPublishWindow}, nil
}

// Publish publishes d and waits for JetStream to store it.
func (p *Publisher) Publish(ctx context.Context, d *sitrep.Document) (duplicate bool, err error) {
	dup, err := Publish(ctx, p.js, p.subject, d)
	if err == nil {
		p.sent++
		if dup {
			p.dups++
		}
	}
	return dup, err
}

// Send publishes d without waiting for its acknowledgement. When the
// window of unacknowledged messages is full it first waits for the older
// half; an error from those is returned.
func (p *Publisher) Send(ctx context.Context, d *sitrep.Document) error {
	msg, err := docMsg(p.subject, d)
	if err != nil {
		return fmt.Errorf("queue: send: %w", err)
	}
	if len(p.pending) >= p.window {
		if err := p.settle(ctx, len(p.pending)/2); err != nil {
			return err
		}
	}
	fut, err := p.js.PublishMsgAsync(msg, jetstream.WithMsgID(msg.Header.Get(jetstream.MsgIDHeader)))
	if err != nil {
		return fmt.Errorf("queue: send %s: %w", d.Doc.ID, err)
	}
	p.pending = append(p.pending, pending{id: d.Doc.ID, fut: fut})
	return nil
}

// Wait blocks until every document sent so far is acknowledged and returns
// the errors of those that were not stored, joined.
func (p *Publisher) Wait(ctx context.Context) error {
	return p.settle(ctx, len(p.pending))
}

// settle waits for the oldest n pending publishes.
func (p *Publisher) settle(ctx context.Context, n int) error {
	var errs []error
	for _, pd := range p.pending[:n] {
		select {
		case ack := <-pd.fut.Ok():
			p.sent++
			if ack.Duplicate {
				p.dups++
			}
		case err := <-pd.fut.Err():
			errs = append(errs, fmt.Errorf("queue: publish %s: %w", pd.id, err))
		case <-ctx.Done():
			return fmt.Errorf("queue: waiting for publish acks: %w", ctx.Err())
		}
	}
	p.pending = append(p.pending[:0], p.pending[n:]...)
	return errors.Join(errs...)
}

// Counts returns how many documents JetStream acknowledged and how many of
// those were dropped as duplicates.
func (p *Publisher) Counts() (sent, duplicates int) { return p.sent, p.dups }

// Close waits for pending publishes (up to ctx) and closes the connection
// if Connect opened it.
func (p *Publisher) Close(ctx context.Context) error {
	err := p.Wait(ctx)
	if p.nc != nil {
		p.nc.Close()
	}
	return err
}
