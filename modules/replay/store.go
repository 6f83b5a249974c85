package replay

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// replayStore remembers delivery identities for replay protection. Every
// method must be safe for concurrent use; across a cluster, Claim must be
// atomic so that two gates never both win the same key.
type replayStore interface {
	// Claim records rec under key for ttl if the key is absent, and reports
	// true. If the key is present it returns the record already there and
	// false, and changes nothing.
	Claim(ctx context.Context, key string, rec record, ttl time.Duration) (record, bool, error)
	// Get returns the record under key; false when there is none.
	Get(ctx context.Context, key string) (record, bool, error)
	// Settle replaces the record under key with rec for ttl.
	Settle(ctx context.Context, key string, rec record, ttl time.Duration) error
	// Release deletes key if it still holds the claim with the given token,
	// so a claim that expired and was taken by another copy is left alone.
	Release(ctx context.Context, key, token string) error
	// Close releases the store's connections.
	Close() error
}

// record is what a store keeps under a delivery's key: a claim while the
// first copy is in flight, then the app's acknowledgement.
type record struct {
	// Token identifies the claim of one copy (in flight only).
	Token string `json:"t,omitempty"`
	// Done is set once the app acknowledged the delivery.
	Done bool `json:"d,omitempty"`
	// Status, ContentType and Body are the app's acknowledgement.
	Status      int    `json:"s,omitempty"`
	ContentType string `json:"c,omitempty"`
	Body        []byte `json:"b,omitempty"`
}

// encode serialises a record for stores that keep bytes.
func (r record) encode() ([]byte, error) { return json.Marshal(r) }

// decodeRecord parses what encode wrote.
func decodeRecord(b []byte) (record, error) {
	var r record
	if err := json.Unmarshal(b, &r); err != nil {
		return record{}, fmt.Errorf("replay store holds an unreadable record: %v", err)
	}
	return r, nil
}

// size approximates the memory a record takes, for the memory store's bound.
func (r record) size() int { return len(r.Token) + len(r.ContentType) + len(r.Body) + 64 }
