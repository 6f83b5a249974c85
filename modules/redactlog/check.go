package redactlog

import (
	"crypto/rand"
	"encoding/hex"
	"reflect"
	"sync"

	"go.uber.org/zap/zapcore"
)

// Telling, at startup, whether a log redacts: a route asks of every core
// of Caddy's logging that would write a request's headers (Cores, then
// Redacts), and refuses to start when one would write them plainly.

// probeKey is the field a probe adds; no log ever writes it (the probe's
// cores are discarded).
const probeKey = "hookgate_redaction_probe"

// probesSeen are the probe nonces a redacting encoder was handed.
var probesSeen sync.Map

// seeProbe is called by redactingObject for every string field.
func seeProbe(k, v string) {
	if k == probeKey {
		probesSeen.Store(v, true)
	}
}

// Redacts reports whether everything core writes goes through a
// webhook_redact encoder, at any place in a chain of encoders (inside or
// around filter). It writes nothing: it adds a field to a copy of the
// core, which every encoder of the core encodes at once, and checks that
// each encoding reached a redacting encoder. A core that does not encode
// the field at all (a core of no known kind) does not redact.
func Redacts(core zapcore.Core) bool {
	p := &probe{}
	core.With([]zapcore.Field{{Key: probeKey, Type: zapcore.ObjectMarshalerType, Interface: p}})
	if len(p.nonces) == 0 {
		return false
	}
	all := true
	for _, n := range p.nonces {
		if _, ok := probesSeen.LoadAndDelete(n); !ok {
			all = false
		}
	}
	return all
}

// probe is the object a probe adds: each time an encoder encodes it, it
// writes a fresh nonce as a string field, which a redacting encoder on the
// way records.
type probe struct {
	mu     sync.Mutex
	nonces []string
}

func (p *probe) MarshalLogObject(enc zapcore.ObjectEncoder) error {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	n := hex.EncodeToString(b)
	p.mu.Lock()
	p.nonces = append(p.nonces, n)
	p.mu.Unlock()
	enc.AddString(probeKey, n)
	return nil
}

// Cores are the cores a logger's core writes to: the members of a tee
// (zapcore.NewTee), or the core itself. A tee is recognised by its shape
// (a slice of cores); were zap to change it, the whole tee is one core,
// which Redacts then reports as redacting only when all its members do.
func Cores(core zapcore.Core) []zapcore.Core {
	v := reflect.ValueOf(core)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[zapcore.Core]() {
		return []zapcore.Core{core}
	}
	out := make([]zapcore.Core, 0, v.Len())
	for i := range v.Len() {
		if c, ok := v.Index(i).Interface().(zapcore.Core); ok {
			out = append(out, Cores(c)...)
		}
	}
	return out
}
