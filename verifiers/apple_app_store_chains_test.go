package verifiers

import (
	"crypto/x509"
	"encoding/base64"
	"testing"
	"time"
)

// TestAppStoreChainsRemembered: a verified chain is remembered with its
// validity window; outside the window it is verified afresh and refused;
// a chain that failed is never remembered; the memory is bounded.
func TestAppStoreChainsRemembered(t *testing.T) {
	leafEnd := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	c := newTestChain(t, true, true, leafEnd)
	v := appStoreWith(t, c.root, appStoreProd, 0)
	x5c := []string{
		base64.StdEncoding.EncodeToString(c.leaf.Raw),
		base64.StdEncoding.EncodeToString(c.inter.Raw),
		base64.StdEncoding.EncodeToString(c.root.Raw),
	}
	k := appStoreChainKey(x5c[0], x5c[1])
	at := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	if _, ok := v.chains.get(k, at); ok {
		t.Fatal("remembered before it was verified")
	}
	if _, err := v.verifyChain(x5c, at); err != nil {
		t.Fatal(err)
	}
	if key, ok := v.chains.get(k, at.Add(time.Hour)); !ok || !key.Equal(c.leaf.PublicKey) {
		t.Fatal("a verified chain is not remembered with its leaf key")
	}
	for _, outside := range []time.Time{leafEnd.Add(time.Second), time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)} {
		if _, ok := v.chains.get(k, outside); ok {
			t.Errorf("remembered chain offered at %v, outside its validity", outside)
		}
		if _, err := v.verifyChain(x5c, outside); err == nil {
			t.Errorf("chain accepted at %v, outside its validity", outside)
		}
	}

	bad := newTestChain(t, false, true, leafEnd)
	badX5C := []string{base64.StdEncoding.EncodeToString(bad.leaf.Raw), base64.StdEncoding.EncodeToString(bad.inter.Raw), ""}
	vb := appStoreWith(t, bad.root, appStoreProd, 0)
	for range 2 {
		if _, err := vb.verifyChain(badX5C, at); err == nil {
			t.Fatal("a leaf without Apple's marker was accepted")
		}
	}
	if len(vb.chains.entries) != 0 {
		t.Errorf("a refused chain was remembered")
	}

	for i := range appStoreChainsMax + 4 {
		v.chains.put(appStoreChainKey(string(rune('a'+i)), ""), []*x509.Certificate{c.leaf, c.inter, c.root}, nil)
	}
	if n := len(v.chains.entries); n > appStoreChainsMax {
		t.Errorf("%d chains remembered, want at most %d", n, appStoreChainsMax)
	}
}
