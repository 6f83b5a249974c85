package verifiers

import (
	"bytes"
	"testing"
)

func TestVerifiedIdentity(t *testing.T) {
	tests := []struct {
		name   string
		v      Verified
		want   string
		reason Reason
	}{
		{"ID wins", Verified{ID: "evt_1", Signed: []byte("x")}, "id:evt_1", ""},
		{"signed content", Verified{Signed: []byte("abc")}, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ""},
		{"empty signed content is content", Verified{Signed: []byte{}}, "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ""},
		{"nothing", Verified{}, "", ambiguousBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.v.Identity()
			checkRejection(t, err, tt.reason)
			if got != tt.want {
				t.Fatalf("Identity = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAppendSigned(t *testing.T) {
	// Moving a boundary between parts changes the result.
	a := signedOf([]byte("ab"), []byte("c"))
	b := signedOf([]byte("a"), []byte("bc"))
	if bytes.Equal(a, b) {
		t.Fatal("part boundaries are not encoded")
	}
	if got := string(signedOf([]byte("ab"), nil, []byte("c"))); got != "2:ab0:1:c" {
		t.Fatalf("signedOf = %q", got)
	}
}
