package verifiers

import "testing"

func TestTokenSet(t *testing.T) {
	set := newTokenSet([][]byte{[]byte("current-secret"), []byte("previous-secret")})
	tests := []struct {
		name      string
		candidate string
		want      bool
		index     int
	}{
		{"first", "current-secret", true, 0},
		{"second (rotation)", "previous-secret", true, 1},
		{"prefix", "current-secre", false, 0},
		{"longer", "current-secret!", false, 0},
		{"case differs", "Current-secret", false, 0},
		{"empty", "", false, 0},
		{"other", "attacker", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if i, got := set.index([]byte(tt.candidate)); got != tt.want || i != tt.index {
				t.Fatalf("index(%q) = %d, %v, want %d, %v", tt.candidate, i, got, tt.index, tt.want)
			}
		})
	}
	t.Run("empty set", func(t *testing.T) {
		if _, ok := newTokenSet(nil).index(nil); ok {
			t.Fatal("an empty set contains something")
		}
		if _, ok := newTokenSet(nil).index([]byte("x")); ok {
			t.Fatal("an empty set contains something")
		}
	})
	t.Run("no plaintext kept", func(t *testing.T) {
		// The set holds digests only: none equals the token's bytes.
		for _, d := range set {
			if string(d[:len("current-secret")]) == "current-secret" {
				t.Fatal("token stored in plaintext")
			}
		}
	})
}
