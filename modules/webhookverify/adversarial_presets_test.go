package webhookverify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/gatetest"
	"github.com/hookgate/hookgate/verifiers"
)

// TestEveryPresetAdversarialThroughCaddy attacks every registered preset
// through one real Caddy with replay protection on, generated from the
// preset table:
//
//   - replays: a genuine delivery reaches the app once; copies of it sent
//     again as-is, with another method, with a query string added, or with
//     unsigned headers added or changed, never reach the app again (they
//     get the stored answer or are refused);
//   - parser differentials: for presets whose signature covers the body,
//     a copy of a JSON body with a duplicate or case-variant key written in
//     front of each top-level key (the gate and the app could read
//     different values) never reaches the app.
func TestEveryPresetAdversarialThroughCaddy(t *testing.T) {
	up := startCountingUpstream(t, "TSOK") // PAYONE's acknowledgement; a 2xx is enough for the others
	port := gatetest.FreePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	now := time.Now()

	names := verifiers.Names()
	fixtures, site := presetRoutes(t, base, now, "\t\t\treplay 1h\n", up.addr())
	g := gatetest.StartGateOnPort(t, nil, "", site, port)

	for _, name := range names {
		f := fixtures[name]
		t.Run(name, func(t *testing.T) {
			m, err := f.Message(base+"/"+name+"?from=test", time.Now())
			if err != nil {
				t.Fatal(err)
			}
			path := strings.TrimPrefix(m.URL, base)
			send := func(method, path string, h http.Header, body []byte) gatetest.Reply {
				return g.Send(t, method, path, h, bytes.NewReader(body))
			}
			if rep := send(http.MethodPost, path, m.Header, m.Body); rep.Status != http.StatusOK {
				t.Fatalf("genuine delivery: %d %q", rep.Status, rep.Body)
			}
			route := "/" + name
			if n := up.countPath(route); n != 1 {
				t.Fatalf("genuine delivery reached the app %d times", n)
			}
			withHeader := func(k, v string) http.Header {
				h := m.Header.Clone()
				h.Set(k, v)
				return h
			}
			sep := "?"
			if strings.Contains(path, "?") {
				sep = "&"
			}
			copies := []struct {
				what   string
				method string
				path   string
				header http.Header
			}{
				{"the same again", http.MethodPost, path, m.Header},
				{"as PUT", http.MethodPut, path, m.Header},
				{"as PATCH", http.MethodPatch, path, m.Header},
				{"as DELETE", http.MethodDelete, path, m.Header},
				{"with a query added", http.MethodPost, path + sep + "a=1", m.Header},
				{"with an unsigned header", http.MethodPost, path, withHeader("X-Replay-Nonce", "n-1")},
				{"with a new unsigned delivery ID", http.MethodPost, path, withHeader("X-GitHub-Delivery", "forged-id")},
				{"with another User-Agent case", http.MethodPost, path, withHeader("Accept", "*/*")},
			}
			for _, c := range copies {
				rep := send(c.method, c.path, c.header, m.Body)
				if rep.Status >= 500 {
					t.Errorf("copy %s: %d %q", c.what, rep.Status, rep.Body)
				}
				if n := up.countPath(route); n != 1 {
					t.Fatalf("copy %s reached the app (%d %q): %d deliveries", c.what, rep.Status, rep.Body, n)
				}
			}

			if !f.BodySigned || f.ContentType != "application/json" {
				return
			}
			for _, forged := range duplicateKeyBodies(t, m.Body) {
				rep := send(http.MethodPost, path, m.Header, forged)
				if up.countPath(route) != 1 {
					t.Fatalf("a body with a duplicate key reached the app (%d): %s", rep.Status, forged)
				}
			}
		})
	}
}

// duplicateKeyBodies returns copies of a JSON object body with, for each
// top-level key, a member of the same name (and one of another case)
// written in front with a forged value.
func duplicateKeyBodies(t *testing.T, body []byte) [][]byte {
	t.Helper()
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil {
		return nil // not an object: nothing to duplicate
	}
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	var out [][]byte
	for key := range obj {
		dups := map[string]bool{key: true, strings.ToUpper(key): true, strings.ToLower(key): true}
		for dup := range dups {
			forged := fmt.Appendf(nil, `{%q:"forged",`, dup)
			out = append(out, append(forged, trimmed[1:]...))
		}
	}
	return out
}
