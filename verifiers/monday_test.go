package verifiers

import (
	"net/http"
	"testing"
	"time"
)

func TestMonday(t *testing.T) {
	const endpoint = "https://hooks.example.com/monday"
	now := time.Unix(1_700_000_000, 0)
	tok := func(claims map[string]any) string { s, _ := signHS256JWT([]byte("signing"), claims); return s }
	valid := map[string]any{"aud": endpoint, "exp": now.Unix() + 300, "iat": now.Unix()}
	for _, tc := range []struct {
		name, auth, url, body string
		ok                    bool
		answer                string
	}{
		{"event", tok(valid), endpoint, `{"event":{"type":"create_pulse"}}`, true, ""},
		{"Bearer prefix", "Bearer " + tok(valid), endpoint, `{"event":{}}`, true, ""},
		{"challenge", tok(valid), endpoint, `{"challenge":"abc123"}`, true, `{"challenge":"abc123"}`},
		{"challenge with more", tok(valid), endpoint, `{"challenge":"abc123","event":{}}`, true, ""},
		{"another URL", tok(valid), endpoint + "/x", `{"event":{}}`, false, ""},
		// developer.monday.com/apps/docs/integration-authorization shows the
		// token of integration recipes with "aud": "": an empty or absent
		// aud names no endpoint and is accepted; any other must be this one.
		{"no aud", tok(map[string]any{"exp": now.Unix() + 300}), endpoint, `{"event":{}}`, true, ""},
		{"empty aud", tok(map[string]any{"aud": "", "exp": now.Unix() + 300, "iat": now.Unix()}), endpoint, `{"event":{}}`, true, ""},
		{"empty aud, expired", tok(map[string]any{"aud": "", "exp": now.Unix() - 301}), endpoint, `{"event":{}}`, false, ""},
		{"aud not a string", tok(map[string]any{"aud": []string{endpoint}, "exp": now.Unix() + 300}), endpoint, `{"event":{}}`, false, ""},
		{"aud of another endpoint", tok(map[string]any{"aud": "https://other.example.com/monday", "exp": now.Unix() + 300}), endpoint, `{"event":{}}`, false, ""},
		{"no exp", tok(map[string]any{"aud": endpoint}), endpoint, `{"event":{}}`, false, ""},
		{"expired", tok(map[string]any{"aud": endpoint, "exp": now.Unix() - 301}), endpoint, `{"event":{}}`, false, ""},
		{"unsigned challenge", "", endpoint, `{"challenge":"abc123"}`, false, ""},
	} {
		d := request("POST", tc.url, tc.body)
		d.Now, d.PublicURL = now, tc.url
		if tc.auth != "" {
			d.Request.Header.Set("Authorization", tc.auth)
		}
		err, a := verifyAndAnswer(t, "monday", Settings{Secrets: [][]byte{[]byte("signing")}}, d)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		switch {
		case tc.answer == "" && a != nil:
			t.Errorf("%s: unexpected answer %+v", tc.name, a)
		case tc.answer != "" && (a == nil || a.Status != http.StatusOK || string(a.Body) != tc.answer || a.ContentType != "application/json"):
			t.Errorf("%s: answer %+v, want %s", tc.name, a, tc.answer)
		}
	}
}
