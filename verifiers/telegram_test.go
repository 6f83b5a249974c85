package verifiers

import (
	"strings"
	"testing"
)

func TestTelegramSecretToken(t *testing.T) {
	for _, c := range []struct {
		token string
		ok    bool
	}{
		{"a", true},
		{"Tg_Secret-Token_0123456789", true},
		{strings.Repeat("x", telegramMaxToken), true},
		{strings.Repeat("x", telegramMaxToken+1), false},
		{"with space", false},
		{"dot.ted", false},
		{"plus+", false},
		{"é", false},
	} {
		p, _ := Lookup("telegram")
		_, err := p.Build(Settings{Secrets: [][]byte{[]byte(c.token)}})
		if (err == nil) != c.ok {
			t.Errorf("%q: Build error %v, want ok=%v", c.token, err, c.ok)
		}
		if err != nil && strings.Contains(err.Error(), c.token) {
			t.Errorf("%q: the error names the secret: %v", c.token, err)
		}
	}
}

func TestTelegramTokenHeader(t *testing.T) {
	p, _ := Lookup("telegram")
	v, err := p.Build(Settings{Secrets: [][]byte{[]byte("old-token"), []byte("new-token")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		header string
		key    int
		reason Reason
	}{
		{"new-token", 1, ""},
		{"old-token", 0, ""},
		{"new-token ", 1, ""}, // header values are trimmed, as net/http readers do
		{"New-token", 0, badSignature},
		{"", 0, missingSignature},
	} {
		d := request("POST", "https://x/tg", `{"update_id":1}`)
		if c.header != "" {
			d.Request.Header.Set(telegramHeader, c.header)
		}
		got, err := v.Verify(d)
		if c.reason != "" {
			if ReasonOf(err) != c.reason || err == nil {
				t.Errorf("%q: %v, want %s", c.header, err, c.reason)
			}
			continue
		}
		if err != nil || got.Key != c.key {
			t.Errorf("%q: key %d, %v", c.header, got.Key, err)
		}
	}
}
