package verifiers

import "testing"

func TestTokenSet(t *testing.T) {
	set := newTokenSet([][]byte{[]byte("current-secret"), []byte("previous-secret")})
	tests := []struct {
		name      string
		candidate string
		want      bool
	}{
		{"first", "current-secret", true},
		{"second (rotation)", "previous-secret", true},
		{"prefix", "current-secre", false},
		{"longer", "current-secret!", false},
		{"case differs", "Current-secret", false},
		{"empty", "", false},
		{"other", "attacker", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := set.contains([]byte(tt.candidate)); got != tt.want {
				t.Fatalf("contains(%q) = %v, want %v", tt.candidate, got, tt.want)
			}
		})
	}
	t.Run("empty set", func(t *testing.T) {
		if newTokenSet(nil).contains(nil) || newTokenSet(nil).contains([]byte("x")) {
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
