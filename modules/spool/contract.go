package spool

import (
	"context"
	"errors"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"
)

// This file is the contract between the spool (spool*.go: storing,
// delivering, retrying) and the ways of operating it (the admin API in
// spool_admin.go, `caddy webhook spool` in command_spool.go).

// Spool entry states.
const (
	StatePending = "pending" // stored, not yet delivered
	StateDead    = "dead"    // retried for retry_for, then dead-lettered
)

// ErrNotFound is returned for an ID that no spool holds.
var ErrNotFound = errors.New("no such spooled delivery")

// Entry is one spooled delivery as operators see it. It never holds a
// secret: Header has the signature and secret-bearing headers redacted.
// Body is filled only when explicitly asked for.
type Entry struct {
	ID          string      `json:"id"`
	Spool       string      `json:"spool"` // the spool's name (Operator.Name)
	Provider    string      `json:"provider"`
	State       string      `json:"state"` // StatePending or StateDead
	Received    time.Time   `json:"received"`
	Attempts    int         `json:"attempts"`
	NextAttempt time.Time   `json:"next_attempt,omitzero"`
	LastError   string      `json:"last_error,omitempty"`
	Method      string      `json:"method"`
	URI         string      `json:"uri"`
	Host        string      `json:"host"`
	Size        int         `json:"size"`
	Header      http.Header `json:"header,omitempty"`
	Body        []byte      `json:"body,omitempty"`
}

// Operator is what the admin API needs from one spool.
type Operator interface {
	// Name identifies the spool (its store and location), stable across
	// restarts.
	Name() string
	// List returns up to limit entries in state ("" for both), oldest first.
	List(ctx context.Context, state string, limit int) ([]Entry, error)
	// Get returns one entry, with its body only when withBody is set.
	Get(ctx context.Context, id string, withBody bool) (Entry, error)
	// Redrive makes a dead-lettered (or pending) entry due for delivery
	// now, with a fresh retry_for.
	Redrive(ctx context.Context, id string) error
	// Drop deletes an entry for good.
	Drop(ctx context.Context, id string) error
}

// spoolOperators are the spools of the running configuration, by name,
// for the admin API. A spool adds itself when provisioned and removes
// itself on Cleanup.
var spoolOperators = struct {
	sync.Mutex
	byName map[string]Operator
}{byName: map[string]Operator{}}

// Register makes op known to the admin API under op.Name(), replacing an
// older operator of that name (the latest provisioned spool of a name
// wins). It returns the function that removes op again, unless a newer
// operator of its name replaced it. Spools register themselves when
// opened; another package registers an Operator only to stand in for a
// spool (the `caddy webhook spool` command's tests do).
func Register(op Operator) (unregister func()) {
	spoolOperators.Lock()
	spoolOperators.byName[op.Name()] = op
	spoolOperators.Unlock()
	return func() { unregisterOperator(op) }
}

// unregisterOperator removes op unless a newer operator replaced it.
func unregisterOperator(op Operator) {
	spoolOperators.Lock()
	if cur, ok := spoolOperators.byName[op.Name()]; ok && cur == op {
		delete(spoolOperators.byName, op.Name())
	}
	spoolOperators.Unlock()
}

// Operators are the spools of the running configuration, by name.
func Operators() []Operator {
	spoolOperators.Lock()
	defer spoolOperators.Unlock()
	out := make([]Operator, 0, len(spoolOperators.byName))
	for _, name := range slices.Sorted(maps.Keys(spoolOperators.byName)) {
		out = append(out, spoolOperators.byName[name])
	}
	return out
}
