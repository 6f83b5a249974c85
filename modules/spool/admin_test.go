package spool_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/caddyserver/caddy/v2"
	"github.com/hookgate/hookgate/internal/spooltest"
	"github.com/hookgate/hookgate/modules/redactlog"
	"github.com/hookgate/hookgate/modules/spool"
)

// adminAnswer is the admin API's answer to one request, as Caddy's admin
// handler would write it.
type adminAnswer struct {
	status int
	allow  string
	body   []byte
}

// callSpoolAdmin runs the router on one request and turns an error into
// its status, as Caddy's admin handler does.
func callSpoolAdmin(t *testing.T, method, target string) adminAnswer {
	t.Helper()
	w := httptest.NewRecorder()
	err := spool.ServeAdmin(w, httptest.NewRequest(method, target, nil))
	if err != nil {
		var apiErr caddy.APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("%s %s: error %v is not a caddy.APIError", method, target, err)
		}
		if apiErr.Message == "" {
			t.Errorf("%s %s: APIError without a message", method, target)
		}
		return adminAnswer{status: apiErr.HTTPStatus, allow: w.Header().Get("Allow"), body: []byte(apiErr.Message)}
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("%s %s: Content-Type %q", method, target, ct)
	}
	return adminAnswer{status: w.Code, allow: w.Header().Get("Allow"), body: w.Body.Bytes()}
}

// TestSpoolAdminList: listing merges the spools oldest first, filters by
// spool and state, honours limit, and never carries a body.
func TestSpoolAdminList(t *testing.T) {
	file, nats := spooltest.Fixture()
	remove := spooltest.UseSpools(t, file, nats)
	tests := []struct {
		target string
		want   string
	}{
		{"/webhook/spool", "f2@file n1@nats f1@file both@file both@nats"},
		{"/webhook/spool/", "f2@file n1@nats f1@file both@file both@nats"},
		{"/webhook/spool?state=dead", "f2@file n1@nats"},
		{"/webhook/spool?state=pending", "f1@file both@file both@nats"},
		{"/webhook/spool?spool=file:/var/lib/caddy/spool", "f2@file f1@file both@file"},
		{"/webhook/spool?spool=nats:nats://127.0.0.1:4222/hookgate&state=dead", "n1@nats"},
		{"/webhook/spool?spool=hookgate", "n1@nats both@nats"}, // the end of a name
		{"/webhook/spool?spool=spool&state=pending", "f1@file both@file"},
		{"/webhook/spool?limit=2", "f2@file n1@nats"},
		{"/webhook/spool?limit=1&state=pending", "f1@file"},
	}
	for _, tt := range tests {
		a := callSpoolAdmin(t, http.MethodGet, tt.target)
		if a.status != http.StatusOK {
			t.Errorf("GET %s: %d %s", tt.target, a.status, a.body)
			continue
		}
		var got []spool.Entry
		if err := json.Unmarshal(a.body, &got); err != nil {
			t.Fatalf("GET %s: %v", tt.target, err)
		}
		if spooltest.IDs(got) != tt.want {
			t.Errorf("GET %s: %q, want %q", tt.target, spooltest.IDs(got), tt.want)
		}
		if bytes.Contains(a.body, []byte(`"body"`)) {
			t.Errorf("GET %s: a listing carries a body:\n%s", tt.target, a.body)
		}
	}

	// No spool configured: an empty list, not null.
	remove()
	if a := callSpoolAdmin(t, http.MethodGet, "/webhook/spool"); a.status != http.StatusOK || string(a.body) != "[]\n" {
		t.Errorf("no spools: %d %q", a.status, a.body)
	}
}

// TestSpoolAdminShow: one entry, its body only on request (base64), and
// the ID resolved across spools.
func TestSpoolAdminShow(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)

	a := callSpoolAdmin(t, http.MethodGet, "/webhook/spool/f1")
	var e spool.Entry
	if a.status != http.StatusOK || json.Unmarshal(a.body, &e) != nil {
		t.Fatalf("show f1: %d %s", a.status, a.body)
	}
	if e.ID != "f1" || e.Spool != file.Name() || e.Provider != "stripe" || e.Attempts != 3 || e.State != spool.StatePending ||
		!e.NextAttempt.Equal(spooltest.T0.Add(time.Minute)) || e.Size != len(`{"id":"evt_1"}`) || e.Body != nil {
		t.Errorf("show f1: %+v", e)
	}
	if bytes.Contains(a.body, []byte(`"body"`)) {
		t.Errorf("body shown without body=1:\n%s", a.body)
	}
	// A dead entry has no next attempt: the field is left out.
	if a := callSpoolAdmin(t, http.MethodGet, "/webhook/spool/f2"); bytes.Contains(a.body, []byte("next_attempt")) {
		t.Errorf("dead entry shows a next attempt:\n%s", a.body)
	}

	for _, q := range []string{"body=1", "body=true"} {
		a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/f2?"+q)
		var raw struct{ Body string }
		if a.status != http.StatusOK || json.Unmarshal(a.body, &raw) != nil {
			t.Fatalf("show f2?%s: %d %s", q, a.status, a.body)
		}
		if b, err := base64.StdEncoding.DecodeString(raw.Body); err != nil || string(b) != "\x00\xffbinary" {
			t.Errorf("show f2?%s: body %q (%v), want the stored bytes in base64", q, raw.Body, err)
		}
	}
	if a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/f2?body=0"); bytes.Contains(a.body, []byte(`"body"`)) {
		t.Errorf("body=0 shows the body:\n%s", a.body)
	}

	// "both" is in the two spools: ambiguous without spool=.
	if a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/both"); a.status != http.StatusConflict {
		t.Errorf("ambiguous ID: %d %s", a.status, a.body)
	}
	a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/both?spool="+nats.Name())
	if a.status != http.StatusOK || json.Unmarshal(a.body, &e) != nil || e.Provider != "kkiapay" {
		t.Errorf("ID with spool=: %d %s", a.status, a.body)
	}
	// An ID in the other spool than the one named is not found.
	if a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/n1?spool="+file.Name()); a.status != http.StatusNotFound {
		t.Errorf("n1 in the file spool: %d %s", a.status, a.body)
	}
}

// TestSpoolAdminNoSecrets: what the spool failed to redact, the admin API
// does: secret-bearing headers, and a configured secret anywhere in a
// header, the URI or the last error, in lists and in show.
func TestSpoolAdminNoSecrets(t *testing.T) {
	spooltest.UseSecret(t, spooltest.Secret)
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	for _, target := range []string{"/webhook/spool", "/webhook/spool/n1", "/webhook/spool/f1?body=1"} {
		a := callSpoolAdmin(t, http.MethodGet, target)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s: %d %s", target, a.status, a.body)
		}
		for _, leak := range []string{spooltest.Secret, "abcdef"} {
			if bytes.Contains(a.body, []byte(leak)) {
				t.Errorf("GET %s shows %q:\n%s", target, leak, a.body)
			}
		}
	}
	a := callSpoolAdmin(t, http.MethodGet, "/webhook/spool/n1")
	var e spool.Entry
	json.Unmarshal(a.body, &e)
	if e.Header.Get("X-Kkiapay-Secret") != redactlog.Redacted || e.Header.Get("X-Note") != "copy of "+redactlog.Redacted ||
		e.URI != "/kkiapay?token="+redactlog.Redacted || !strings.HasSuffix(e.LastError, "token "+redactlog.Redacted) {
		t.Errorf("n1 not redacted as expected: %+v", e)
	}
	// The spool's own copy is untouched.
	if got, _ := nats.Get(context.Background(), "n1", false); got.Header.Get("X-Kkiapay-Secret") != spooltest.Secret {
		t.Error("redaction changed the spool's entry")
	}
}

// TestSpoolAdminRedriveDrop: POST .../redrive and DELETE act on the one
// spool holding the ID.
func TestSpoolAdminRedriveDrop(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)

	a := callSpoolAdmin(t, http.MethodPost, "/webhook/spool/n1/redrive")
	if a.status != http.StatusAccepted || !bytes.Contains(a.body, []byte(`"action":"redrive"`)) {
		t.Fatalf("redrive n1: %d %s", a.status, a.body)
	}
	if !slices.Equal(nats.Redriven, []string{"n1"}) || len(file.Redriven) != 0 {
		t.Errorf("redriven: nats %v, file %v", nats.Redriven, file.Redriven)
	}
	if e, _ := nats.Get(context.Background(), "n1", false); e.State != spool.StatePending {
		t.Errorf("n1 after redrive: %s", e.State)
	}

	if a = callSpoolAdmin(t, http.MethodDelete, "/webhook/spool/both"); a.status != http.StatusConflict {
		t.Errorf("ambiguous drop: %d %s", a.status, a.body)
	}
	if !file.Has("both") || !nats.Has("both") {
		t.Fatal("an ambiguous drop dropped something")
	}
	a = callSpoolAdmin(t, http.MethodDelete, "/webhook/spool/both?spool="+file.Name())
	if a.status != http.StatusOK || file.Has("both") || !nats.Has("both") {
		t.Fatalf("drop both in file: %d %s", a.status, a.body)
	}
	if a = callSpoolAdmin(t, http.MethodGet, "/webhook/spool/both"); a.status != http.StatusOK {
		t.Errorf("both after the drop in file: %d %s", a.status, a.body)
	}
	for _, req := range [][2]string{
		{http.MethodDelete, "/webhook/spool/both?spool=" + file.Name()},
		{http.MethodGet, "/webhook/spool/f9"},
		{http.MethodPost, "/webhook/spool/f9/redrive"},
		{http.MethodDelete, "/webhook/spool/f9"},
	} {
		if a = callSpoolAdmin(t, req[0], req[1]); a.status != http.StatusNotFound || !bytes.Contains(a.body, []byte(spool.ErrNotFound.Error())) {
			t.Errorf("%s %s: %d %s, want 404", req[0], req[1], a.status, a.body)
		}
	}
}

// TestSpoolAdminBadRequests: bad input is 400, unknown things 404, wrong
// methods 405 with Allow, store failures 500; none reaches an action.
func TestSpoolAdminBadRequests(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	tests := []struct {
		method, target string
		status         int
		allow          string
	}{
		{"GET", "/webhook/spool?state=gone", 400, ""},
		{"GET", "/webhook/spool?state=", 400, ""},
		{"GET", "/webhook/spool?limit=0", 400, ""},
		{"GET", "/webhook/spool?limit=-1", 400, ""},
		{"GET", "/webhook/spool?limit=10001", 400, ""},
		{"GET", "/webhook/spool?limit=ten", 400, ""},
		{"GET", "/webhook/spool?limit=1&limit=2", 400, ""},
		{"GET", "/webhook/spool?stat=dead", 400, ""},
		{"GET", "/webhook/spool?body=1", 400, ""}, // no bodies in lists
		{"GET", "/webhook/spool?spool=", 400, ""},
		{"GET", "/webhook/spool?%zz", 400, ""},
		{"GET", "/webhook/spool?spool=file:/elsewhere", 404, ""},
		{"GET", "/webhook/spool?spool=ool", 404, ""}, // not after a separator
		{"GET", "/webhook/spool/f1?spool=gate", 404, ""},
		{"GET", "/webhook/spool/f1?body=yes", 400, ""},
		{"GET", "/webhook/spool/f1?limit=1", 400, ""},
		{"GET", "/webhook/spool/f%201", 400, ""},
		{"GET", "/webhook/spool/" + strings.Repeat("x", spool.MaxIDLen+1), 400, ""},
		{"DELETE", "/webhook/spool/f1?state=dead", 400, ""},
		{"POST", "/webhook/spool/f2/redrive?body=1", 400, ""},
		{"GET", "/webhook/spool/f1/retry", 404, ""},
		{"GET", "/webhook/spool/f1%2Fredrive", 404, ""}, // the ID "f1/redrive"
		{"POST", "/webhook/spool/f1%2Fredrive", 405, "GET, DELETE"},
		{"GET", "/webhook/spool/f1/redrive/x", 404, ""},
		{"POST", "/webhook/spool", 405, "GET"},
		{"DELETE", "/webhook/spool", 405, "GET"},
		{"POST", "/webhook/spool/f1", 405, "GET, DELETE"},
		{"PUT", "/webhook/spool/f1", 405, "GET, DELETE"},
		{"GET", "/webhook/spool/f2/redrive", 405, "POST"},
		{"DELETE", "/webhook/spool/f2/redrive", 405, "POST"},
	}
	for _, tt := range tests {
		a := callSpoolAdmin(t, tt.method, tt.target)
		if a.status != tt.status || a.allow != tt.allow {
			t.Errorf("%s %s: %d (Allow %q) %s, want %d (Allow %q)", tt.method, tt.target, a.status, a.allow, a.body, tt.status, tt.allow)
		}
	}
	if file.Len() != 3 || nats.Len() != 2 || len(file.Redriven)+len(nats.Redriven) != 0 {
		t.Error("a bad request acted on the spool")
	}

	// A store that fails is a 500 naming the spool, on every endpoint.
	nats.Fail = errors.New("nats: no responders available for request")
	for _, req := range [][2]string{
		{"GET", "/webhook/spool"}, {"GET", "/webhook/spool/f1"}, {"POST", "/webhook/spool/f1/redrive"}, {"DELETE", "/webhook/spool/f1"},
	} {
		a := callSpoolAdmin(t, req[0], req[1])
		if a.status != http.StatusInternalServerError || !bytes.Contains(a.body, []byte(nats.Name())) || !bytes.Contains(a.body, []byte("no responders")) {
			t.Errorf("%s %s with a failing store: %d %s", req[0], req[1], a.status, a.body)
		}
	}
	if !file.Has("f1") {
		t.Error("a drop went ahead while another spool failed")
	}
}

// TestSpoolAdminThroughCaddy: the module is mounted on a real Caddy admin
// endpoint; statuses, JSON errors and Allow reach the client as the router
// meant them.
func TestSpoolAdminThroughCaddy(t *testing.T) {
	file, nats := spooltest.Fixture()
	spooltest.UseSpools(t, file, nats)
	addr := spooltest.StartAdmin(t)
	do := func(method, path string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, "http://"+addr+path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}

	resp, b := do("GET", "/webhook/spool?state=dead")
	var list []spool.Entry
	if resp.StatusCode != 200 || json.Unmarshal(b, &list) != nil || spooltest.IDs(list) != "f2@file n1@nats" {
		t.Fatalf("list dead: %d %s", resp.StatusCode, b)
	}
	resp, b = do("GET", "/webhook/spool/f2?body=1")
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte(base64.StdEncoding.EncodeToString([]byte("\x00\xffbinary")))) {
		t.Fatalf("show with body: %d %s", resp.StatusCode, b)
	}
	if resp, b = do("POST", "/webhook/spool/f2/redrive"); resp.StatusCode != 202 {
		t.Fatalf("redrive: %d %s", resp.StatusCode, b)
	}
	if e, _ := file.Get(context.Background(), "f2", false); e.State != spool.StatePending {
		t.Errorf("f2 after redrive through Caddy: %s", e.State)
	}
	if resp, b = do("DELETE", "/webhook/spool/n1"); resp.StatusCode != 200 || nats.Has("n1") {
		t.Fatalf("drop: %d %s", resp.StatusCode, b)
	}

	for _, tt := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/webhook/spool/n1", 404, ""},
		{"GET", "/webhook/spool?limit=0", 400, ""},
		{"PATCH", "/webhook/spool/f1", 405, "GET, DELETE"},
		{"GET", "/webhook/spool/both", 409, ""},
	} {
		resp, b := do(tt.method, tt.path)
		var apiErr struct {
			Error string `json:"error"`
		}
		if resp.StatusCode != tt.status || resp.Header.Get("Allow") != tt.allow ||
			json.Unmarshal(b, &apiErr) != nil || apiErr.Error == "" {
			t.Errorf("%s %s: %d (Allow %q) %s, want %d with a JSON error", tt.method, tt.path, resp.StatusCode, resp.Header.Get("Allow"), b, tt.status)
		}
	}
}

// TestSpoolAdminSpoolByEnd: spool= may give the end of a name, as long as
// it picks one spool; a shorter end that fits two is refused, never
// applied to both.
func TestSpoolAdminSpoolByEnd(t *testing.T) {
	a := spooltest.NewFakeSpool("file:/var/lib/caddy/hookgate/spool#HOOKGATE_STRIPE",
		spool.Entry{ID: "p1", Provider: "stripe", State: spool.StatePending, Received: spooltest.T0})
	b := spooltest.NewFakeSpool("nats:nats://nats-1:4222#HOOKGATE_STRIPE",
		spool.Entry{ID: "p1", Provider: "stripe", State: spool.StatePending, Received: spooltest.T0})
	c := spooltest.NewFakeSpool("file:/var/lib/caddy/hookgate/spool#HOOKGATE_PAYONE",
		spool.Entry{ID: "p1", Provider: "payone", State: spool.StatePending, Received: spooltest.T0})
	spooltest.UseSpools(t, a, b, c)
	for _, tt := range []struct {
		method, target string
		status         int
		spool          string // the spool that answered
	}{
		{"GET", "/webhook/spool/p1?spool=PAYONE", 200, c.Name()},
		{"GET", "/webhook/spool/p1?spool=HOOKGATE_PAYONE", 200, c.Name()},
		{"GET", "/webhook/spool/p1?spool=nats:nats://nats-1:4222%23HOOKGATE_STRIPE", 200, b.Name()},
		{"GET", "/webhook/spool/p1?spool=4222%23HOOKGATE_STRIPE", 200, b.Name()},
		{"GET", "/webhook/spool/p1?spool=STRIPE", 400, ""},
		{"DELETE", "/webhook/spool/p1?spool=HOOKGATE_STRIPE", 400, ""},
		{"POST", "/webhook/spool/p1/redrive?spool=STRIPE", 400, ""},
		{"GET", "/webhook/spool?spool=STRIPE", 400, ""},
		{"GET", "/webhook/spool/p1?spool=AYONE", 404, ""},
		{"GET", "/webhook/spool/p1", 409, ""},
	} {
		ans := callSpoolAdmin(t, tt.method, tt.target)
		var e spool.Entry
		json.Unmarshal(ans.body, &e)
		if ans.status != tt.status || tt.spool != "" && e.Spool != tt.spool {
			t.Errorf("%s %s: %d %s, want %d from %s", tt.method, tt.target, ans.status, ans.body, tt.status, tt.spool)
		}
	}
	if !a.Has("p1") || !b.Has("p1") || len(a.Redriven)+len(b.Redriven) != 0 {
		t.Error("an ambiguous spool= acted on a spool")
	}
}
