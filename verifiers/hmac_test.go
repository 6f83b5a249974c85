package verifiers

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"sync"
	"testing"
)

// refHMAC computes HMAC with crypto/hmac directly, as the reference.
func refHMAC(h func() hash.Hash, key, msg []byte) []byte {
	m := hmac.New(h, key)
	m.Write(msg)
	return m.Sum(nil)
}

func TestParseAlgorithm(t *testing.T) {
	tests := []struct {
		name     string
		want     string
		wantSize int
		wantErr  bool
	}{
		{"md5", "md5", md5.Size, false},
		{"MD5", "md5", md5.Size, false},
		{"sha1", "sha1", sha1.Size, false},
		{"SHA-1", "sha1", sha1.Size, false},
		{"sha256", "sha256", sha256.Size, false},
		{"sha-256", "sha256", sha256.Size, false},
		{"sha512", "sha512", sha512.Size, false},
		{"sha384", "", 0, true},
		{"sha3-256", "", 0, true},
		{"hmac-sha256", "", 0, true},
		{"", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseAlgorithm(tt.name)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseAlgorithm(%q) error = %v, wantErr %v", tt.name, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got.Name != tt.want || got.Size != tt.wantSize || got.New().Size() != tt.wantSize {
				t.Fatalf("ParseAlgorithm(%q) = %s/%d, want %s/%d", tt.name, got.Name, got.Size, tt.want, tt.wantSize)
			}
		})
	}
}

var testAlgorithms = []struct {
	alg algorithm
	ref func() hash.Hash
}{
	{algMD5, md5.New}, {algSHA1, sha1.New}, {algSHA256, sha256.New}, {algSHA512, sha512.New},
}

func TestKeyedMACSum(t *testing.T) {
	key := []byte("k3y")
	for _, a := range testAlgorithms {
		t.Run(a.alg.Name, func(t *testing.T) {
			k := newKeyedMAC(a.alg, key)
			want := refHMAC(a.ref, key, []byte("hello, world"))
			if got := k.sum(nil, []byte("hello, world")); !bytes.Equal(got, want) {
				t.Fatalf("sum = %x, want %x", got, want)
			}
			// Parts are concatenated.
			if got := k.sum(nil, []byte("hello"), []byte(", "), nil, []byte("world")); !bytes.Equal(got, want) {
				t.Fatalf("sum(parts) = %x, want %x", got, want)
			}
			// A pooled state is reset between uses.
			k.sum(nil, []byte("other"))
			if got := k.sum([]byte("x"), []byte("hello, world")); !bytes.Equal(got, append([]byte("x"), want...)) {
				t.Fatalf("sum after reuse = %x, want x%x", got, want)
			}
		})
	}
}

func TestKeyedMACCopiesKey(t *testing.T) {
	key := []byte("original")
	k := newKeyedMAC(algSHA256, key)
	copy(key, "mutated!")
	want := refHMAC(sha256.New, []byte("original"), []byte("m"))
	if got := k.sum(nil, []byte("m")); !bytes.Equal(got, want) {
		t.Fatal("keyedMAC follows changes to the caller's key slice")
	}
}

func TestKeyedMACConcurrent(t *testing.T) {
	k := newKeyedMAC(algSHA512, []byte("shared"))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 16 {
		wg.Go(func() {
			msg := []byte{byte(g), 'm'}
			want := refHMAC(sha512.New, []byte("shared"), msg)
			for range 200 {
				if got := k.sum(nil, msg); !bytes.Equal(got, want) {
					errs <- "concurrent sum is wrong"
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestMACSetMatches(t *testing.T) {
	keys := [][]byte{[]byte("current"), []byte("previous")}
	body := []byte(`{"a":1}`)
	for _, a := range testAlgorithms {
		t.Run(a.alg.Name, func(t *testing.T) {
			set := newMACSet(a.alg, keys)
			tests := []struct {
				name string
				sig  []byte
				want bool
				key  int
			}{
				{"first key", refHMAC(a.ref, keys[0], body), true, 0},
				{"second key (rotation)", refHMAC(a.ref, keys[1], body), true, 1},
				{"other key", refHMAC(a.ref, []byte("stranger"), body), false, 0},
				{"other body", refHMAC(a.ref, keys[0], []byte(`{"a":2}`)), false, 0},
				{"truncated", refHMAC(a.ref, keys[0], body)[:a.alg.Size-1], false, 0},
				{"empty", nil, false, 0},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if key, got := set.matches(tt.sig, body); got != tt.want || key != tt.key {
						t.Fatalf("matches = %d, %v, want %d, %v", key, got, tt.key, tt.want)
					}
				})
			}
		})
	}
	t.Run("no keys", func(t *testing.T) {
		if _, ok := newMACSet(algSHA256, nil).matches(refHMAC(sha256.New, nil, body), body); ok {
			t.Fatal("an empty set matched")
		}
	})
	t.Run("same key twice", func(t *testing.T) {
		set := newMACSet(algSHA256, [][]byte{keys[0], keys[0]})
		if key, ok := set.matches(refHMAC(sha256.New, keys[0], body), body); !ok || key != 0 {
			t.Fatalf("a key configured twice: matches = %d, %v, want 0, true", key, ok)
		}
	})
}

func TestMACSetMatchesAny(t *testing.T) {
	keys := [][]byte{[]byte("k1"), []byte("k2")}
	parts := [][]byte{[]byte("1700000000"), []byte("."), []byte("body")}
	good := refHMAC(sha256.New, keys[1], []byte("1700000000.body"))
	junk := bytes.Repeat([]byte{7}, sha256.Size)
	set := newMACSet(algSHA256, keys)
	tests := []struct {
		name string
		sigs [][]byte
		want bool
	}{
		{"one good", [][]byte{good}, true},
		{"good among junk", [][]byte{junk, good, nil}, true},
		{"only junk", [][]byte{junk, nil}, false},
		{"none", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, got := set.matchesAny(tt.sigs, parts...); got != tt.want {
				t.Fatalf("matchesAny = %v, want %v", got, tt.want)
			}
		})
	}
}
