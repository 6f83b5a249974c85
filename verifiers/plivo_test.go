package verifiers

import (
	"testing"
)

func TestPlivoBase(t *testing.T) {
	for _, tc := range []struct {
		url, method, body, want string
		ok                      bool
	}{
		{"https://a.example/cb", "POST", "", "https://a.example/cb", true},
		{"https://a.example/cb", "POST", "B=2&A=1", "https://a.example/cb?A1B2", true},
		{"https://a.example/cb?y=2&x=1", "POST", "", "https://a.example/cb?x=1&y=2", true},
		{"https://a.example/cb?y=2&x=1", "POST", "B=2&A=%2B1", "https://a.example/cb?x=1&y=2.A+1B2", true},
		{"https://a.example/cb?x=a+b", "GET", "", "https://a.example/cb?x=a b", true},
		{"https://a.example/cb", "POST", "A=1&A=2", "", false},
		{"https://a.example/cb?x=1&x=2", "GET", "", "", false},
		{"https://a.example/cb", "GET", "A=1", "", false},
		{"", "POST", "A=1", "", false},
	} {
		got, err := plivoBase(tc.url, tc.method, "application/x-www-form-urlencoded", []byte(tc.body))
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("%s %s %q: %q, %v; want %q", tc.method, tc.url, tc.body, got, err, tc.want)
		}
	}
	if _, err := plivoBase("https://a.example/cb", "POST", "application/json", []byte(`{"a":1}`)); err == nil {
		t.Error("a JSON body was read as a form")
	}
}
