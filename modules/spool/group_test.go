package spool

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"

	"github.com/nats-io/nats.go"
)

// TestGroupFramingRoundTrip: every delivery of a group comes back byte for
// byte: header names and values (not UTF-8, empty, repeated) and bodies
// (binary, empty).
func TestGroupFramingRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name  string
		items []groupItem
	}{
		{"one", []groupItem{{header: nats.Header{"Hookgate-Method": {"POST"}}, body: []byte("a=1")}}},
		{"binary and empty", []groupItem{
			{header: nats.Header{"Hookgate-Uri": {"/p?x=\xff\x00"}, "Hookgate-Tls": {""}}, body: []byte{0, 1, 0xfe, 0xff}},
			{header: nats.Header{}, body: nil},
			{header: nats.Header{"A": {"1", "2", ""}}, body: bytes.Repeat([]byte("x"), 70000)},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeGroup(encodeGroup(tt.items))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.items) {
				t.Fatalf("%d items back, want %d", len(got), len(tt.items))
			}
			for i := range got {
				if !reflect.DeepEqual(got[i].header, tt.items[i].header) || !bytes.Equal(got[i].body, tt.items[i].body) {
					t.Errorf("item %d: got %q %q, want %q %q", i, got[i].header, got[i].body, tt.items[i].header, tt.items[i].body)
				}
			}
		})
	}
}

// TestGroupFramingRefusesDamage: a truncated, padded or lying frame does
// not decode (the group is dead-lettered whole, never half read).
func TestGroupFramingRefusesDamage(t *testing.T) {
	good := encodeGroup([]groupItem{{header: nats.Header{"K": {"v"}}, body: []byte("body")}, {header: nats.Header{}, body: []byte("2")}})
	tooMany := binary.AppendUvarint(nil, maxGroupDeliveries+1)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"no deliveries", binary.AppendUvarint(nil, 0)},
		{"truncated", good[:len(good)-1]},
		{"trailing bytes", append(bytes.Clone(good), 0)},
		{"too many deliveries", tooMany},
		{"length past the end", []byte{1, 1, 0x7f}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if items, err := decodeGroup(tt.data); err == nil {
				t.Errorf("decoded %d items from a damaged frame", len(items))
			}
		})
	}
}

// FuzzDecodeGroup: no input panics, and what decodes encodes back to the
// same deliveries.
func FuzzDecodeGroup(f *testing.F) {
	f.Add(encodeGroup([]groupItem{{header: nats.Header{"K": {"v", ""}}, body: []byte("b")}}))
	f.Add([]byte{1, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := decodeGroup(data)
		if err != nil {
			return
		}
		again, err := decodeGroup(encodeGroup(items))
		if err != nil || len(again) != len(items) {
			t.Fatalf("re-encoded group does not decode: %v", err)
		}
		for i := range items {
			if !bytes.Equal(again[i].body, items[i].body) || len(again[i].header) != len(items[i].header) {
				t.Fatalf("item %d changed on the way", i)
			}
		}
	})
}

// TestGroupSubjects: a group of n is on <subject>.n, and nothing else of
// the form reads as a group.
func TestGroupSubjects(t *testing.T) {
	s := &Spool{subject: "hookgate.spool.S"}
	for _, tt := range []struct {
		subject string
		want    int
	}{
		{"hookgate.spool.S", 1},
		{s.groupSubject(2), 2},
		{s.groupSubject(maxGroupDeliveries), maxGroupDeliveries},
		{"hookgate.spool.S.1", 0},
		{"hookgate.spool.S.02", 0},
		{"hookgate.spool.S.65", 0},
		{"hookgate.spool.S.x", 0},
		{"hookgate.spool.SX.2", 0},
		{"hookgate.spool.S_DEAD", 0},
	} {
		if got := s.groupSize(tt.subject); got != tt.want {
			t.Errorf("groupSize(%q) = %d, want %d", tt.subject, got, tt.want)
		}
	}
}

// TestParseEntryID: p<seq>, d<seq> and p<seq>.<i> (a delivery of a group)
// parse; anything else is not found.
func TestParseEntryID(t *testing.T) {
	for _, tt := range []struct {
		id       string
		dead     bool
		seq      uint64
		item     int
		notFound bool
	}{
		{id: "p12", seq: 12},
		{id: "d7", dead: true, seq: 7},
		{id: "p12.3", seq: 12, item: 3},
		{id: groupEntryID(9, maxGroupDeliveries), seq: 9, item: maxGroupDeliveries},
		{id: "d7.1", notFound: true}, // dead letters are never grouped
		{id: "p12.0", notFound: true},
		{id: "p12.03", notFound: true},
		{id: "p12.65", notFound: true},
		{id: "p12.", notFound: true},
		{id: "p0", notFound: true},
		{id: "x12", notFound: true},
		{id: "p", notFound: true},
	} {
		dead, seq, item, err := parseEntryID(tt.id)
		if tt.notFound {
			if err == nil {
				t.Errorf("%q parsed as %v %d %d", tt.id, dead, seq, item)
			}
			continue
		}
		if err != nil || dead != tt.dead || seq != tt.seq || item != tt.item {
			t.Errorf("%q: %v %d %d %v, want %v %d %d", tt.id, dead, seq, item, err, tt.dead, tt.seq, tt.item)
		}
	}
}
