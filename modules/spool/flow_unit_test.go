package spool

import (
	"errors"
	"testing"

	"github.com/nats-io/nats.go/jetstream"
)

// TestFlowAdmit walks one key through admit and finish: only the earliest
// known delivery of a key goes; a later one queues behind one in flight
// and waits (blocked) behind one awaiting its retry; deliveries without a
// key always go; a delivery in flight cannot be redriven, one being
// redriven is held back.
func TestFlowAdmit(t *testing.T) {
	f := acquireFlow("test-admit")
	defer releaseFlow("test-admit", f)
	var m jetstream.Msg // admit only stores it
	steps := []struct {
		name    string
		do      func() (verdict, uint64)
		want    verdict
		blocker uint64
	}{
		{"first of key a goes", func() (verdict, uint64) { return f.admit(m, 1, "a") }, verdictGo, 0},
		{"second of a queues behind it", func() (verdict, uint64) { return f.admit(m, 2, "a") }, verdictQueued, 0},
		{"unkeyed goes", func() (verdict, uint64) { return f.admit(m, 3, "") }, verdictGo, 0},
		{"first of key b goes", func() (verdict, uint64) { return f.admit(m, 4, "b") }, verdictGo, 0},
		{"the one in flight is held", func() (verdict, uint64) { return f.admit(m, 1, "a") }, verdictHeld, 0},
	}
	for _, st := range steps {
		if v, b := st.do(); v != st.want || b != st.blocker {
			t.Fatalf("%s: verdict %d blocker %d, want %d %d", st.name, v, b, st.want, st.blocker)
		}
	}
	if _, err := f.beginRedrive(1); !errors.Is(err, ErrInFlight) {
		t.Errorf("redrive in flight: %v, want ErrInFlight", err)
	}
	// 1 fails: it stays the head of a; 2 is handed back to wait for it.
	f.mu.Lock()
	f.keys["a"].queued = nil // a nil Msg cannot be read back; tested through the gates
	f.mu.Unlock()
	if next, back := f.finish(1, false); next != nil || len(back) != 0 {
		t.Fatalf("finish(1, retry): next %v, handed back %d", next, len(back))
	}
	if v, b := f.admit(m, 2, "a"); v != verdictBlocked || b != 1 {
		t.Errorf("2 behind 1 awaiting its retry: verdict %d blocker %d, want blocked by 1", v, b)
	}
	if v, _ := f.admit(m, 1, "a"); v != verdictGo {
		t.Errorf("1 again (its retry): verdict %d, want go", v)
	}
	f.finish(1, true)
	if v, _ := f.admit(m, 2, "a"); v != verdictGo {
		t.Errorf("2 after 1 was delivered: verdict %d, want go", v)
	}
	f.finish(2, true)
	end, err := f.beginRedrive(5)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := f.admit(m, 5, "c"); v != verdictHeld {
		t.Errorf("a delivery being redriven: verdict %d, want held", v)
	}
	end(true)
	if f.inFlightNow(2) || !f.inFlightNow(3) || !f.inFlightNow(4) {
		t.Errorf("in flight: 2 %v 3 %v 4 %v, want false true true", f.inFlightNow(2), f.inFlightNow(3), f.inFlightNow(4))
	}
}

// TestFlowWake: after an outage the first success wakes every parked
// delivery once; a refusal (no outage) wakes nothing; during an outage a
// probe takes one.
func TestFlowWake(t *testing.T) {
	f := acquireFlow("test-wake")
	defer releaseFlow("test-wake", f)
	f.park(1, "r1", false)
	if got := f.wake(); got != nil {
		t.Errorf("wake without an outage: %v", got)
	}
	if _, ok := f.probe(); ok {
		t.Error("probe without an outage")
	}
	f.park(2, "r2", true)
	f.park(3, "r3", true)
	f.unpark(3)
	if r, ok := f.probe(); !ok || (r != "r1" && r != "r2") {
		t.Errorf("probe during the outage: %q %v", r, ok)
	}
	if got := f.wake(); len(got) != 1 {
		t.Errorf("wake after the outage: %v, want the one parked delivery left", got)
	}
	if got := f.wake(); got != nil {
		t.Errorf("second wake: %v, want nothing", got)
	}
}

// seqMsg is a taken message that only knows its stream sequence.
type seqMsg struct {
	jetstream.Msg
	seq uint64
}

func (m seqMsg) Metadata() (*jetstream.MsgMetadata, error) {
	return &jetstream.MsgMetadata{Sequence: jetstream.SequencePair{Stream: m.seq}}, nil
}

// TestFlowHandsNextOverInFlight: the delivery finish hands over for the
// freed slot is in flight at once, so a later one of its key taken before
// that attempt starts queues behind it: it is neither let through nor
// sent away to wait for it (seen as a key's deliveries stalling, and one
// overtaking another, under load).
func TestFlowHandsNextOverInFlight(t *testing.T) {
	f := acquireFlow("test-handover")
	defer releaseFlow("test-handover", f)
	m1, m2, m3 := seqMsg{seq: 1}, seqMsg{seq: 2}, seqMsg{seq: 3}
	if v, _ := f.admit(m1, 1, "k"); v != verdictGo {
		t.Fatalf("1: verdict %d, want go", v)
	}
	if v, _ := f.admit(m2, 2, "k"); v != verdictQueued {
		t.Fatalf("2: verdict %d, want queued", v)
	}
	next, back := f.finish(1, true)
	if next != m2 || len(back) != 0 {
		t.Fatalf("finish(1): next %v, handed back %d; want 2", next, len(back))
	}
	if !f.inFlightNow(2) {
		t.Error("2, handed over, is not in flight")
	}
	if v, b := f.admit(m3, 3, "k"); v != verdictQueued {
		t.Errorf("3 taken while 2 is handed over: verdict %d blocker %d, want queued", v, b)
	}
	if next, _ := f.finish(2, true); next != m3 {
		t.Errorf("finish(2): next %v, want 3", next)
	}
	f.finish(3, true)
	f.abandon(3)
	if v, _ := f.admit(seqMsg{seq: 4}, 4, "k"); v != verdictGo {
		t.Errorf("4 after the key drained: verdict %d, want go", v)
	}
}
