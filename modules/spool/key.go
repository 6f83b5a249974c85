package spool

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/config"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/nats-io/nats.go"
)

// Stored messages are authenticated (docs/spool.md, "The spool's key").
// Each message carries Hookgate-Mac: "v1 " and the hex HMAC-SHA256, under
// a key only the gates have, of the stream it belongs to, every header
// the dispatcher reads to rebuild and route the request, and the body. A
// message whose MAC does not verify is dead-lettered, never delivered:
// whoever may publish on the spool's subject cannot have a delivery
// passed on. The same key, under another label, makes the route
// identities (route.go), so that they name a secret without revealing
// anything about it.

// spoolHeaderMAC is the message's MAC.
const spoolHeaderMAC = "Hookgate-Mac"

// macVersion prefixes a MAC: the scheme, should it ever change.
const macVersion = "v1 "

// minKeyLen is the shortest key accepted, in bytes.
const minKeyLen = 32

// keyFileName is the generated key of a store file, in its directory.
const keyFileName = "spool.key"

// ErrUnauthentic is why a message that fails its MAC is dead-lettered,
// and not redriven.
var ErrUnauthentic = errors.New("message authentication failed: it was not stored by a gate holding this spool's key, or was altered since")

// macHeaders are the headers a MAC covers, in order: everything
// parseSpooled reads to rebuild, route and time the request. Not covered:
// the message ID (JetStream's, dropped when a message is dead-lettered or
// redriven; it only drops copies) and the dead letter's own headers
// (attempts, error, time).
var macHeaders = []string{
	spoolHeaderMethod, spoolHeaderURI, spoolHeaderHost, spoolHeaderRemote,
	spoolHeaderServer, spoolHeaderListen, spoolHeaderTLS, spoolHeaderProto,
	spoolHeaderProvider, spoolHeaderReceived, spoolHeaderHeader,
	spoolHeaderRoute, spoolHeaderVerified,
}

// spoolKey is a spool's key, as the two keys derived from it.
type spoolKey struct {
	mac   []byte // messages' MACs
	route []byte // route identities
}

// deriveKey splits the configured key by purpose.
func deriveKey(secret []byte) spoolKey {
	sub := func(label string) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte("hookgate spool " + label))
		return m.Sum(nil)
	}
	return spoolKey{mac: sub("message mac v1"), route: sub("route identity v1")}
}

// loadKey is the spool's key: the configured one (placeholders resolved),
// or for store file without one, the key kept in the store's directory,
// made on first use. Store nats needs one: every gate on the cluster must
// hold the same, which a key made here would not be.
func loadKey(c *Config, repl *caddy.Replacer, fileDir string) (spoolKey, error) {
	k, _, err := readKey(c, repl, fileDir)
	return k, err
}

// readKey is loadKey, and the key as configured (to redact it).
func readKey(c *Config, repl *caddy.Replacer, fileDir string) (spoolKey, string, error) {
	if c.Key != "" {
		v, err := config.Resolve(repl, c.Key)
		if err != nil {
			return spoolKey{}, "", fmt.Errorf("key: %v", err)
		}
		if len(v) < minKeyLen {
			return spoolKey{}, "", fmt.Errorf("key is %d bytes; use at least %d (openssl rand -hex 32 makes one)", len(v), minKeyLen)
		}
		return deriveKey([]byte(v)), v, nil
	}
	if fileDir == "" {
		return spoolKey{}, "", errors.New("store nats needs key: the same secret on every gate using the cluster, such as key {env.HOOKGATE_SPOOL_KEY} (openssl rand -hex 32 makes one; docs/spool.md)")
	}
	v, err := keyFile(filepath.Join(fileDir, keyFileName))
	if err != nil {
		return spoolKey{}, "", err
	}
	return deriveKey(v), string(v), nil
}

// keyFile reads the key kept at path, or makes one there: 32 random bytes,
// in hex, readable by the owner only. The store's directory lock is held,
// so no other gate makes one at the same time.
func keyFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		raw := make([]byte, 32)
		rand.Read(raw)
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, []byte(hex.EncodeToString(raw)+"\n"), 0o600); err != nil {
			return nil, fmt.Errorf("making the spool key: %v", err)
		}
		if err := os.Rename(tmp, path); err != nil {
			os.Remove(tmp)
			return nil, fmt.Errorf("making the spool key: %v", err)
		}
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the spool key: %v", err)
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("the spool key %s may be read by others (mode %o): chmod 600 it", path, fi.Mode().Perm())
	}
	v := strings.TrimSpace(string(b))
	if len(v) < minKeyLen {
		return nil, fmt.Errorf("the spool key %s is %d bytes; it needs at least %d", path, len(v), minKeyLen)
	}
	return []byte(v), nil
}

// sum is the MAC of a message of stream with headers h and body.
func (k spoolKey) sum(stream string, h nats.Header, body []byte) ([]byte, error) {
	m := hmac.New(sha256.New, k.mac)
	field(m, stream)
	for _, name := range macHeaders {
		if len(h[name]) > 1 {
			return nil, fmt.Errorf("header %s appears %d times", name, len(h[name]))
		}
		field(m, name)
		field(m, h.Get(name))
	}
	field(m, string(body))
	return m.Sum(nil), nil
}

// field writes one length-prefixed field: no two different messages write
// the same bytes.
func field(h hash.Hash, v string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(v)))
	h.Write(n[:])
	h.Write([]byte(v))
}

// sign sets the MAC of m, a message of s's pending stream.
func (s *Spool) sign(m *nats.Msg) error {
	delete(m.Header, spoolHeaderMAC)
	sum, err := s.key.sum(s.stream, m.Header, m.Data)
	if err != nil {
		return err
	}
	m.Header[spoolHeaderMAC] = []string{macVersion + hex.EncodeToString(sum)}
	return nil
}

// authentic checks the MAC of a message of s's pending stream (or of one
// dead-lettered from it): ErrUnauthentic unless it verifies.
func (s *Spool) authentic(h nats.Header, body []byte) error {
	got, ok := strings.CutPrefix(h.Get(spoolHeaderMAC), macVersion)
	if !ok || len(h[spoolHeaderMAC]) != 1 {
		return ErrUnauthentic
	}
	sum, err := hex.DecodeString(got)
	if err != nil {
		return ErrUnauthentic
	}
	want, err := s.key.sum(s.stream, h, body)
	if err != nil || !hmac.Equal(sum, want) {
		return ErrUnauthentic
	}
	return nil
}

// spoolKeys are the keys of the open spools, by spool name, so that two
// routes of one configuration sharing a spool cannot have different keys
// (each would dead-letter the other's deliveries). A reload may change
// the key: the old configuration's spools are not compared.
var spoolKeys = struct {
	sync.Mutex
	open map[*Spool]keyUse
}{open: map[*Spool]keyUse{}}

// keyUse is one open spool's key, and the configuration it belongs to.
type keyUse struct {
	name string
	cfg  context.Context // caddy.Context.Context: one per loaded configuration
	mac  []byte
}

// useKey sets s's key, raw as configured, and records it: an error if a
// route of the same configuration has the same spool with another key.
// The key's value is registered for redaction from logs and answers.
func (s *Spool) useKey(cfg context.Context, key spoolKey, raw string) error {
	spoolKeys.Lock()
	defer spoolKeys.Unlock()
	for _, u := range spoolKeys.open {
		if u.name == s.name && u.cfg == cfg && !hmac.Equal(u.mac, key.mac) {
			return fmt.Errorf("another route of this configuration has spool %s with another key: every route and gate sharing a spool needs the same key", s.name)
		}
	}
	s.key = key
	spoolKeys.open[s] = keyUse{name: s.name, cfg: cfg, mac: key.mac}
	redactlog.Register(s, nil, []string{raw})
	return nil
}

// releaseKey undoes useKey; safe when it was not called.
func (s *Spool) releaseKey() {
	spoolKeys.Lock()
	delete(spoolKeys.open, s)
	spoolKeys.Unlock()
	redactlog.Unregister(s)
}
