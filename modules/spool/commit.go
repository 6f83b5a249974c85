package spool

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Group commit (store file): the deliveries that arrive while the store
// writes are written together next, as one group (group.go), and each
// waits until its group is on disk. One delivery alone is written at once,
// as it always was: grouping adds no wait, it only fills the time a write
// takes anyway.
//
// max_pending counts deliveries, not messages: the committer keeps count
// of what it stored since it last read the stream's count, and reads it
// again before a write that could pass the limit.

// errSpoolFull is a store refused because the spool holds max_pending
// deliveries.
var errSpoolFull = errors.New("the spool holds max_pending deliveries")

// errCommitterClosed is a store after the spool was closed.
var errCommitterClosed = errors.New("the spool is closed")

// committer writes a spool's deliveries, grouping those that wait
// together.
type committer struct {
	s     *Spool
	queue chan *commitWait
	stop  chan struct{}
	done  chan struct{}

	mu    sync.Mutex
	count int  // deliveries pending as last read, plus those stored since
	known bool // count was read
}

// commitWait is one delivery waiting to be written.
type commitWait struct {
	item    groupItem
	size    int
	grouped bool // may share a message with others
	done    chan error
}

// newCommitter starts s's committer.
func newCommitter(s *Spool) *committer {
	c := &committer{s: s, queue: make(chan *commitWait, maxGroupDeliveries), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// store writes m and returns once it is on disk; grouped says it may share
// its write with others.
func (c *committer) store(ctx context.Context, m *nats.Msg, grouped bool) error {
	w := &commitWait{item: groupItem{header: m.Header, body: m.Data}, size: len(m.Data) + headerSize(m.Header),
		grouped: grouped, done: make(chan error, 1)}
	select {
	case c.queue <- w:
	case <-c.stop:
		return errCommitterClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-w.done:
		return err
	case <-c.done: // closed before it took w
		select {
		case err := <-w.done:
			return err
		default:
			return errCommitterClosed
		}
	}
}

// close stops the committer once the deliveries it took are written.
func (c *committer) close() {
	close(c.stop)
	<-c.done
}

// run writes what waits, a group at a time, until close.
func (c *committer) run() {
	defer close(c.done)
	var next *commitWait
	for {
		if next == nil {
			select {
			case next = <-c.queue:
			case <-c.stop:
				select { // what was queued before the stop is written
				case next = <-c.queue:
				default:
					return
				}
			}
		}
		if hook := beforeGroup.Load(); hook != nil {
			(*hook)(func() int { return len(c.queue) })
		}
		group := []*commitWait{next}
		next = nil
		size := group[0].size
	gather:
		for group[0].grouped && len(group) < maxGroupDeliveries {
			select {
			case w := <-c.queue:
				if !w.grouped || size+w.size > maxGroupBytes {
					next = w // written next, after this group
					break gather
				}
				group, size = append(group, w), size+w.size
			default:
				break gather
			}
		}
		c.write(group)
	}
}

// write stores group as one message, as much of it as max_pending
// allows, and answers each delivery.
func (c *committer) write(group []*commitWait) {
	s := c.s
	ctx, cancel := context.WithTimeout(context.Background(), spoolOpTimeout)
	defer cancel()
	room, err := 0, errStoreWriteFailed
	if !s.conn.broken.Load() { // while the disk is full, at once (embedded.go)
		room, err = c.reserve(ctx, len(group))
	}
	for _, w := range group[room:] {
		w.done <- cmp.Or(err, errSpoolFull)
	}
	group = group[:room]
	if len(group) == 0 {
		return
	}
	items := make([]groupItem, len(group))
	for i, w := range group {
		items[i] = w.item
	}
	ack, err := s.pub.PublishMsg(ctx, s.groupMessage(items), jetstream.WithExpectStream(s.stream))
	c.mu.Lock()
	switch {
	case err != nil:
		c.known = false // read the count again
	case ack.Duplicate:
		s.logger.Debug("spool: a copy of this delivery is stored already")
	default:
		c.count += len(group)
	}
	c.mu.Unlock()
	for _, w := range group {
		w.done <- err
	}
}

// reserve is how many of n more deliveries fit under max_pending, reading
// the stream's count when the one kept could be past it.
func (c *committer) reserve(ctx context.Context, n int) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.known && c.count+n <= c.s.maxPending {
		return n, nil
	}
	count, err := c.s.pendingDeliveries(ctx)
	if err != nil {
		c.known = false
		return 0, fmt.Errorf("reading how many deliveries the spool holds: %w", err)
	}
	c.count, c.known = count, true
	return min(max(c.s.maxPending-count, 0), n), nil
}

// beforeGroup, when set (by tests), runs before each group is gathered
// with a function that counts the deliveries waiting.
var beforeGroup atomic.Pointer[func(waiting func() int)]

// headerSize is about how many bytes h takes framed.
func headerSize(h nats.Header) int {
	n := 0
	for k, vs := range h {
		n += len(k) + 2
		for _, v := range vs {
			n += len(v) + 2
		}
	}
	return n
}
