package console

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/internal/recent"
	"github.com/hookgate/hookgate/internal/spooltest"
)

// post submits the console's form.
func post(t *testing.T, form url.Values, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/ops/console", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, vs := range header {
		r.Header[k] = vs
	}
	w := httptest.NewRecorder()
	if err := serve(w, r, 0); err != nil {
		t.Fatal(err)
	}
	return w
}

// TestPageShowsRoutesAndSpools: counts, refusals and the spools'
// deliveries are on the page; what a spool would have let through of a
// secret (a token in a URI, a last error quoting it, a header) is not.
func TestPageShowsRoutesAndSpools(t *testing.T) {
	recent.Count("Caddyfile:3 (site hooks.example.com, handle /kkiapay)", "kkiapay", "accepted", time.Now())
	recent.Refuse("Caddyfile:3 (site hooks.example.com, handle /kkiapay)", recent.Refusal{
		Time: time.Now(), Provider: "kkiapay", Check: "ip_denied", Reason: "client IP is not allowed", Status: 403, ClientIP: "198.51.100.7"})
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	spooltest.UseSecret(t, spooltest.Secret)

	w := httptest.NewRecorder()
	if err := serve(w, httptest.NewRequest(http.MethodGet, "/ops/console", nil), 0); err != nil {
		t.Fatal(err)
	}
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("%d %s", w.Code, w.Header().Get("Content-Type"))
	}
	for _, want := range []string{"handle /kkiapay", "accepted: 1", "ip_denied", "client IP is not allowed", "198.51.100.7",
		"file:/var/lib/caddy/spool", `data-id="f2"`, "upstream answered 500", `data-id="n1"`, "2 pending · 1 dead"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page does not show %q", want)
		}
	}
	for _, secret := range []string{spooltest.Secret, "abcdef", `{"id":"evt_1"}`} {
		if strings.Contains(body, secret) {
			t.Errorf("the page shows %q (a secret, a signature or a body)", secret)
		}
	}
	if w.Header().Get("X-Frame-Options") != "DENY" || !strings.Contains(w.Header().Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("the page may be framed")
	}
}

// TestActions: a redrive and a drop act on the named spool and send the
// browser back with what happened; a form without this process's token,
// or posted from another site, acts on nothing.
func TestActions(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	tests := []struct {
		name    string
		form    url.Values
		header  http.Header
		status  int
		message string
	}{
		{"redrive", url.Values{"token": {formToken()}, "spool": {file.Name()}, "id": {"f2"}, "action": {"redrive"}}, nil, 303, "f2 redriven"},
		{"drop", url.Values{"token": {formToken()}, "spool": {nats.Name()}, "id": {"n1"}, "action": {"drop"}}, nil, 303, "n1 dropped"},
		{"gone", url.Values{"token": {formToken()}, "spool": {file.Name()}, "id": {"nope"}, "action": {"drop"}}, nil, 303, "nope: no such delivery"},
		{"no spool", url.Values{"token": {formToken()}, "spool": {"file:/elsewhere"}, "id": {"f1"}, "action": {"drop"}}, nil, 303, "no spool named"},
		{"no token", url.Values{"spool": {file.Name()}, "id": {"f1"}, "action": {"drop"}}, nil, 403, ""},
		{"wrong token", url.Values{"token": {"00"}, "spool": {file.Name()}, "id": {"f1"}, "action": {"drop"}}, nil, 403, ""},
		{"cross-site", url.Values{"token": {formToken()}, "spool": {file.Name()}, "id": {"f1"}, "action": {"drop"}}, http.Header{"Sec-Fetch-Site": {"cross-site"}}, 403, ""},
		{"unknown action", url.Values{"token": {formToken()}, "spool": {file.Name()}, "id": {"f1"}, "action": {"purge"}}, nil, 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := post(t, tt.form, tt.header)
			if w.Code != tt.status {
				t.Fatalf("status %d %s, want %d", w.Code, w.Body, tt.status)
			}
			if tt.status == 303 {
				loc, _ := url.Parse(w.Header().Get("Location"))
				if loc.Path != "/ops/console" || !strings.Contains(loc.Query().Get("done"), tt.message) {
					t.Errorf("sent back to %s, want /ops/console saying %q", loc, tt.message)
				}
			}
		})
	}
	if len(file.Redriven) != 1 || file.Redriven[0] != "f2" {
		t.Errorf("redriven %v, want [f2]", file.Redriven)
	}
	if nats.Has("n1") || !file.Has("f1") {
		t.Error("drop removed the wrong delivery, or a refused form acted")
	}
}
