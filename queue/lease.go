package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// ErrLeaseLost means another process took the Fuser lease, or it could not
// be renewed before it expired.
var ErrLeaseLost = errors.New("queue: fuser lease lost")

// lease is a key in BucketLocks held by one owner. The bucket's TTL
// removes a key its owner stopped renewing, so a dead leader is replaced
// after at most one TTL.
type lease struct {
	kv    jetstream.KeyValue
	key   string
	owner string
	ttl   time.Duration
	rev   uint64
}

// acquireLease blocks until it creates key in BucketLocks, or ctx is done.
func acquireLease(ctx context.Context, js jetstream.JetStream, key, owner string, ttl time.Duration) (*lease, error) {
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: BucketLocks, TTL: ttl, History: 1,
		Description: "sitrep: leases of single-instance roles",
	})
	if err != nil {
		return nil, fmt.Errorf("queue: lease bucket: %w", err)
	}
	l := &lease{kv: kv, key: key, owner: owner, ttl: ttl}
	for {
		rev, err := kv.Create(ctx, key, []byte(owner))
		if err == nil {
			l.rev = rev
			return l, nil
		}
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return nil, fmt.Errorf("queue: acquire lease %s: %w", key, err)
		}
		if !sleep(ctx, ttl/4) {
			return nil, ctx.Err()
		}
	}
}

// keep renews the lease every quarter of its TTL until ctx is done (nil) or
// the lease is lost (ErrLeaseLost).
func (l *lease) keep(ctx context.Context) error {
	t := time.NewTicker(l.ttl / 4)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		// Update succeeds only if nobody wrote the key since our last
		// revision: that is what makes the lease exclusive.
		rev, err := l.kv.Update(ctx, l.key, []byte(l.owner), l.rev)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("%w: renew %s: %v", ErrLeaseLost, l.key, err)
		}
		l.rev = rev
	}
}

// release deletes the key if we still hold it, so a successor need not
// wait for the TTL.
func (l *lease) release(ctx context.Context) {
	_ = l.kv.Delete(ctx, l.key, jetstream.LastRevision(l.rev))
}
