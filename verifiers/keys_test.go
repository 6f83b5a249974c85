package verifiers

import (
	"bytes"
	"strings"
	"testing"
)

func TestKeyFormat(t *testing.T) {
	raw := []byte{0x31, 0xf2, 0x90, 0xf6}
	for _, c := range []struct {
		f      keyFormat
		secret string
		want   []byte
		ok     bool
	}{
		{keyFormat{}, "whsec_abc", []byte("whsec_abc"), true},
		{whsec, "whsec_MfKQ9g==", raw, true},
		{whsec, "MfKQ9g==", raw, true},
		{whsec, "whsec_", nil, false},
		{whsec, "whsec_!!!", nil, false},
		{keyFormat{Decoding: keyHex}, "31F290f6", raw, true},
		{keyFormat{Decoding: keyHex}, "zz", nil, false},
		{keyFormat{Decoding: keyBase64IfPrefixed, Prefix: "whsec_"}, "whsec_MfKQ9g==", raw, true},
		{keyFormat{Decoding: keyBase64IfPrefixed, Prefix: "whsec_"}, "MfKQ9g==", []byte("MfKQ9g=="), true},
		{keyFormat{Decoding: keyBase64IfPrefixed, Prefix: "whsec_"}, "whsec_!!!", nil, false},
	} {
		got, err := c.f.Decode([]byte(c.secret))
		if (err == nil) != c.ok || !bytes.Equal(got, c.want) {
			t.Errorf("%q: %x, %v", c.secret, got, err)
		}
		if err != nil && strings.Contains(err.Error(), c.secret[len(c.secret)-2:]) && c.secret != "whsec_" {
			t.Errorf("%q: error leaks the secret: %v", c.secret, err)
		}
	}
	if _, err := whsec.DecodeAll([][]byte{[]byte("whsec_MfKQ9g=="), []byte("bad!")}); err == nil || !strings.Contains(err.Error(), "#2") {
		t.Errorf("DecodeAll: %v", err)
	}
}
