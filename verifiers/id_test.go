package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// signedHMACDelivery builds a delivery of body for the generic hmac
// preset (header X-Sig, hex HMAC-SHA256 under secret), with extra headers.
func signedHMACDelivery(t *testing.T, secret, body string, header ...string) *Delivery {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body))
	r.Header.Set("X-Sig", string(encHex.Encode(nil, hmacSum(algSHA256, []byte(secret), []byte(body)))))
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return &Delivery{Request: r, Body: []byte(body), Now: time.Now()}
}

// TestBodyID: option id_field (and a preset's BodyID) makes the field of
// the signed body, read strictly, the delivery's ID.
func TestBodyID(t *testing.T) {
	p := mustPreset("hmac")
	tests := []struct {
		name   string
		path   string
		body   string
		want   string
		reason Reason
	}{
		{"top-level string", "id", `{"id":"evt_1","type":"x"}`, "evt_1", ""},
		{"nested", "data.object.id", `{"data":{"object":{"id":"ch_9"}}}`, "ch_9", ""},
		{"integer", "data.id", `{"data":{"id":12345}}`, "12345", ""},
		{"escaped string", "id", `{"id":"a\u00e4\"b"}`, "aä\"b", ""},
		{"escaped key", "id", `{"\u0069d":"evt_2"}`, "evt_2", ""},
		{"bool is no ID", "id", `{"id":true}`, "", ""},
		{"object is no ID", "id", `{"id":{"x":1}}`, "", ""},
		{"null is no ID", "id", `{"id":null}`, "", ""},
		{"missing", "id", `{"other":"x"}`, "", ""},
		{"path through a non-object", "a.b", `{"a":"x"}`, "", ""},
		{"not json", "id", `id=1`, "", ""},
		{"exponent number is ambiguous", "id", `{"id":1e2}`, "", ambiguousBody},
		{"fraction is ambiguous", "id", `{"id":100.0}`, "", ambiguousBody},
		{"negative zero is ambiguous", "id", `{"id":-0}`, "", ambiguousBody},
		{"beyond 2^53 is ambiguous", "id", `{"id":9007199254740993}`, "", ambiguousBody},
		{"duplicate key is ambiguous", "id", `{"id":"a","id":"b"}`, "", ambiguousBody},
		{"case-variant key is ambiguous", "id", `{"id":"a","ID":"b"}`, "", ambiguousBody},
		{"nested duplicate elsewhere is ambiguous", "id", `{"id":"a","x":{"k":1,"K":2}}`, "", ambiguousBody},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := p.Build(Settings{Secrets: [][]byte{[]byte("s3cret")}, Options: map[string]string{"header": "X-Sig", optionIDField: tt.path}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := v.Verify(signedHMACDelivery(t, "s3cret", tt.body))
			checkRejection(t, err, tt.reason)
			if err == nil && got.ID != tt.want {
				t.Fatalf("ID = %q, want %q", got.ID, tt.want)
			}
		})
	}
}

// TestDisplayID: the ID published for logs is the signed ID, else the
// named header (unsigned: logs only); the replay identity never uses it.
func TestDisplayID(t *testing.T) {
	github := mustPreset("github")
	hmacP := mustPreset("hmac")
	opts := map[string]string{"header": "X-Sig", optionIDHeader: "X-Delivery"}
	tests := []struct {
		name    string
		p       Preset
		options map[string]string
		header  []string
		v       Verified
		want    string
	}{
		{"signed ID wins", github, nil, []string{"X-GitHub-Delivery", "guid-1"}, Verified{ID: "evt"}, "evt"},
		{"unsigned header for logs", github, nil, []string{"X-GitHub-Delivery", " guid-1 "}, Verified{}, "guid-1"},
		{"no header", github, nil, nil, Verified{}, ""},
		{"hmac id_header", hmacP, opts, []string{"X-Delivery", "d-7"}, Verified{}, "d-7"},
		{"hmac without id_header", hmacP, map[string]string{"header": "X-Sig"}, []string{"X-Delivery", "d-7"}, Verified{}, ""},
		{"absurdly long header", github, nil, []string{"X-GitHub-Delivery", strings.Repeat("x", 500)}, Verified{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := signedHMACDelivery(t, "k", "{}", tt.header...)
			if got := tt.p.DisplayID(tt.options, d, tt.v); got != tt.want {
				t.Fatalf("DisplayID = %q, want %q", got, tt.want)
			}
		})
	}
	// The unsigned header never reaches the identity.
	v, _ := github.Build(Settings{Secrets: [][]byte{[]byte("k")}})
	var ids []string
	for _, guid := range []string{"guid-1", "guid-forged"} {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader("{}"))
		r.Header.Set("X-Hub-Signature-256", "sha256="+string(encHex.Encode(nil, hmacSum(algSHA256, []byte("k"), []byte("{}")))))
		r.Header.Set("X-GitHub-Delivery", guid)
		got, err := v.Verify(&Delivery{Request: r, Body: []byte("{}")})
		if err != nil {
			t.Fatal(err)
		}
		id, _ := got.Identity()
		ids = append(ids, id)
	}
	if ids[0] != ids[1] || !strings.HasPrefix(ids[0], "sha256:") {
		t.Fatalf("identities %q: an unsigned header changed the identity", ids)
	}
}

func TestAcknowledged(t *testing.T) {
	payone, _ := Lookup("payone")
	stripeLike, _ := Lookup("checkout_com")
	tests := []struct {
		p      Preset
		status int
		body   string
		want   bool
	}{
		{stripeLike, 200, "", true},
		{stripeLike, 204, "", true},
		{stripeLike, 500, "", false},
		{stripeLike, 503, "", false},
		{stripeLike, 404, "", false},
		{stripeLike, 429, "", false},
		{stripeLike, 302, "", false},
		{payone, 200, "TSOK", true},
		{payone, 200, "TSOK\n", true},
		{payone, 200, "ERROR", false},
		{payone, 200, "", false},
		{payone, 500, "TSOK", false},
	}
	for _, tt := range tests {
		if got := tt.p.Acknowledged(tt.status, []byte(tt.body)); got != tt.want {
			t.Errorf("%s Acknowledged(%d, %q) = %v, want %v", tt.p.Name, tt.status, tt.body, got, tt.want)
		}
	}
}
