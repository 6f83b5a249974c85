package caddyplugin

import (
	"context"
	"testing"
	"time"
)

// fastSpoolRetries shortens the spool's backoff for the test.
func fastSpoolRetries(t *testing.T) {
	t.Helper()
	saved, savedEvery := spoolBackoff, spoolGaugeEvery
	spoolBackoff.base, spoolBackoff.max = 50*time.Millisecond, 400*time.Millisecond
	spoolGaugeEvery = 100 * time.Millisecond
	t.Cleanup(func() { spoolBackoff, spoolGaugeEvery = saved, savedEvery })
}

// spoolOperatorsNow are the registered spools.
func spoolOperatorsNow() []spoolOperator {
	spoolOperators.Lock()
	defer spoolOperators.Unlock()
	var out []spoolOperator
	for _, op := range spoolOperators.byName {
		out = append(out, op)
	}
	return out
}

// onlySpool is the one registered spool.
func onlySpool(t *testing.T) spoolOperator {
	t.Helper()
	ops := spoolOperatorsNow()
	if len(ops) != 1 {
		t.Fatalf("%d spools registered, want 1", len(ops))
	}
	return ops[0]
}

// countEntries counts a spool's entries in state.
func countEntries(t *testing.T, op spoolOperator, state string) int {
	t.Helper()
	es, err := op.List(context.Background(), state, 1000000)
	if err != nil {
		t.Fatalf("listing %s entries: %v", state, err)
	}
	return len(es)
}
