package webhookverify

import (
	"slices"
	"testing"

	"github.com/hookgate/hookgate/verifiers"
)

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"stripe", "stripe", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"strpe", "stripe", 1},   // a deletion
		{"stirpe", "stripe", 1},  // a swap of neighbours
		{"stribe", "stripe", 1},  // a substitution
		{"kitten", "sitting", 3}, // the textbook case
		{"github", "gitlab", 2},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := editDistance(tt.b, tt.a); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

// TestNearestProviders: misspellings a user makes get the preset they
// meant, against the real list of names; names far from all get none.
func TestNearestProviders(t *testing.T) {
	names := verifiers.Names()
	tests := []struct {
		in   string
		want []string
	}{
		{"strpe", []string{"stripe"}},
		{"Stripe", []string{"stripe"}},
		{"githib", []string{"github"}}, // gitlab is 2 away: only the nearest
		{"gitea_", []string{"gitea"}},
		{"gitlabs", []string{"gitlab"}},
		{"checkout", []string{"checkout_com"}}, // contained in the name
		{"payon", []string{"payone"}},
		{"quokka", nil},
		{"qq", nil},
		{"zzzzzzzz", nil},
	}
	for _, tt := range tests {
		if got := nearest(tt.in, names); !slices.Equal(got, tt.want) {
			t.Errorf("nearest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	tests := []struct {
		in    string
		names []string
		want  string
	}{
		{"secrets", subdirectives, "did you mean secret?"},
		{"allow_ips", subdirectives, "did you mean allow_ip?"},
		{"maxbody", subdirectives, "did you mean max_body?"},
		{"ab", []string{"abc", "abd", "xyz"}, "did you mean abc or abd?"},
		{"abcd", []string{"abce", "abcf", "abcg", "abch"}, "did you mean abce, abcf or abcg?"},
		{"nothing_like_it", subdirectives, ""},
	}
	for _, tt := range tests {
		if got := didYouMean(tt.in, tt.names); got != tt.want {
			t.Errorf("didYouMean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
