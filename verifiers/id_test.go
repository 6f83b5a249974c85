package verifiers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func idDelivery(header http.Header, body string) *Delivery {
	r := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body))
	for k, vs := range header {
		r.Header[k] = vs
	}
	return &Delivery{Request: r, Body: []byte(body)}
}

func TestDeliveryID(t *testing.T) {
	payoneBody := "key=abc&txaction=paid&portalid=1&txid=1000&sequencenumber=2&city=L%E4nd"
	tests := []struct {
		name   string
		src    IDSource
		header http.Header
		body   string
		want   string // "" means: the fingerprint
	}{
		{"header", IDSource{Header: "webhook-id"}, http.Header{"Webhook-Id": {"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"}}, "{}", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"},
		{"header trimmed", IDSource{Header: "webhook-id"}, http.Header{"Webhook-Id": {"  msg_1 "}}, "{}", "msg_1"},
		{"header missing", IDSource{Header: "webhook-id"}, nil, "{}", ""},
		{"json top-level string", IDSource{JSONField: "id"}, nil, `{"id":"evt_1","type":"x"}`, "evt_1"},
		{"json nested", IDSource{JSONField: "data.object.id"}, nil, `{"data":{"object":{"id":"ch_9"}}}`, "ch_9"},
		{"json number as written", IDSource{JSONField: "data.id"}, nil, `{"data":{"id":12345678901234567890}}`, "12345678901234567890"},
		{"json negative float", IDSource{JSONField: "n"}, nil, `{"n":-1.50e3}`, "-1.50e3"},
		{"json escaped string", IDSource{JSONField: "id"}, nil, `{"id":"a\u00e4\"b"}`, "aä\"b"},
		{"json bool is no ID", IDSource{JSONField: "id"}, nil, `{"id":true}`, ""},
		{"json object is no ID", IDSource{JSONField: "id"}, nil, `{"id":{"x":1}}`, ""},
		{"json null is no ID", IDSource{JSONField: "id"}, nil, `{"id":null}`, ""},
		{"json empty string is no ID", IDSource{JSONField: "id"}, nil, `{"id":""}`, ""},
		{"json missing", IDSource{JSONField: "id"}, nil, `{"other":"x"}`, ""},
		{"json path through a non-object", IDSource{JSONField: "a.b"}, nil, `{"a":"x"}`, ""},
		{"not json", IDSource{JSONField: "id"}, nil, `id=1`, ""},
		{"payone form fields", IDSource{FormFields: []string{"txid", "sequencenumber", "txaction"}}, nil, payoneBody, "1000:2:paid"},
		{"form field missing is empty", IDSource{FormFields: []string{"txid", "sequencenumber", "txaction"}}, nil, "txid=7&txaction=appointed", "7::appointed"},
		{"form fields case-insensitive", IDSource{FormFields: []string{"xRefNum"}}, nil, "xrefnum=506918667&xCommand=CC%3aSale", "506918667"},
		{"form field decoded", IDSource{FormFields: []string{"id"}}, nil, "id=a%2Fb+c", "a/b c"},
		{"form field twice is ambiguous", IDSource{FormFields: []string{"txid"}}, nil, "txid=1&txid=2", ""},
		{"form fields all empty", IDSource{FormFields: []string{"txid"}}, nil, "txid=&x=1", ""},
		{"zero source", IDSource{}, http.Header{"Webhook-Id": {"x"}}, `{"id":"evt_1"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := idDelivery(tt.header, tt.body)
			got, fromProvider := tt.src.DeliveryID(d)
			if tt.want == "" {
				if fromProvider || got != Fingerprint(d) {
					t.Fatalf("DeliveryID = %q, %v; want the fingerprint", got, fromProvider)
				}
				return
			}
			if !fromProvider || got != tt.want {
				t.Fatalf("DeliveryID = %q, %v; want %q, true", got, fromProvider, tt.want)
			}
		})
	}
}

func TestFingerprint(t *testing.T) {
	base := idDelivery(http.Header{"Sig": {"a"}}, `{"a":1}`)
	fp := Fingerprint(base)
	if !strings.HasPrefix(fp, "sha256:") || len(fp) != len("sha256:")+64 {
		t.Fatalf("fingerprint %q is not sha256:<hex>", fp)
	}
	// Unsigned parts of a request do not change it: a replay cannot be
	// disguised by adding a header or changing one the signature omits.
	same := idDelivery(http.Header{"Sig": {"b"}, "X-Extra": {"1"}}, `{"a":1}`)
	same.Request.URL.RawQuery = "cache-buster=1"
	if Fingerprint(same) != fp {
		t.Error("fingerprint depends on headers or the query")
	}
	// Signed content does.
	for name, d := range map[string]*Delivery{
		"body":       idDelivery(nil, `{"a":2}`),
		"public URL": {Request: base.Request, Body: base.Body, PublicURL: "https://x/hook"},
		"method":     {Request: httptest.NewRequest(http.MethodPut, "/hook", nil), Body: base.Body},
	} {
		if Fingerprint(d) == fp {
			t.Errorf("fingerprint ignores the %s", name)
		}
	}
}

func TestIDSourceFor(t *testing.T) {
	hmacPreset, _ := Lookup("hmac")
	payone, _ := Lookup("payone")
	tests := []struct {
		name    string
		p       Preset
		options map[string]string
		want    IDSource
	}{
		{"hmac without options: fingerprint", hmacPreset, map[string]string{"header": "X-Sig"}, IDSource{}},
		{"hmac id_header", hmacPreset, map[string]string{"header": "X-Sig", "id_header": "X-Delivery"}, IDSource{Header: "X-Delivery"}},
		{"hmac id_field", hmacPreset, map[string]string{"id_field": "event.id"}, IDSource{JSONField: "event.id"}},
		{"payone: its own", payone, map[string]string{"portal_id": "1"}, IDSource{FormFields: []string{"txid", "sequencenumber", "txaction"}}},
		{"options of another preset are ignored", payone, map[string]string{"id_header": "X"}, payone.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.p.IDSourceFor(tt.options)
			if got.Header != tt.want.Header || got.JSONField != tt.want.JSONField || strings.Join(got.FormFields, ",") != strings.Join(tt.want.FormFields, ",") {
				t.Fatalf("IDSourceFor = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestSeedPresetIDs pins where each seed preset finds its delivery's
// identity (nil: the fingerprint of the signed content).
func TestSeedPresetIDs(t *testing.T) {
	want := map[string]string{
		"payone":       "form_fields",
		"cardknox":     "form_fields",
		"kkiapay":      "fingerprint",
		"checkout_com": "json_field",
		"24sevenpay":   "fingerprint",
		"hmac":         "fingerprint",
	}
	for name, kind := range want {
		p, ok := Lookup(name)
		if !ok {
			t.Fatalf("preset %s missing", name)
		}
		if got := p.ID.Kind(); got != kind {
			t.Errorf("%s: ID kind %s, want %s", name, got, kind)
		}
	}
	hmacPreset, _ := Lookup("hmac")
	for _, opt := range []string{OptionIDHeader, OptionIDField} {
		if !hmacPreset.HasOption(opt) {
			t.Errorf("hmac does not accept %s", opt)
		}
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

// TestReplayID: replay protection keys on an ID only where the signature
// covers it; an unsigned ID header gives way to the fingerprint, so a
// captured delivery replayed under a fresh ID is still the same delivery.
func TestReplayID(t *testing.T) {
	delivery := func(header, value, body string) *Delivery {
		r := httptest.NewRequest("POST", "/", nil)
		if header != "" {
			r.Header.Set(header, value)
		}
		return &Delivery{Request: r, Body: []byte(body)}
	}
	github, _ := Lookup("github")
	a := delivery("X-GitHub-Delivery", "guid-1", `{"zen":"x"}`)
	b := delivery("X-GitHub-Delivery", "guid-forged", `{"zen":"x"}`)
	if id, _ := github.ID.DeliveryID(a); id != "guid-1" {
		t.Errorf("DeliveryID = %q, want the header for logs", id)
	}
	idA, fromA := github.ID.ReplayID(a)
	idB, _ := github.ID.ReplayID(b)
	if fromA || idA != idB || !strings.HasPrefix(idA, "sha256:") {
		t.Errorf("unsigned header: ReplayID = %q (%v) and %q; want one fingerprint for both", idA, fromA, idB)
	}

	sw, _ := Lookup("standard_webhooks")
	if id, ok := sw.ID.ReplayID(delivery("webhook-id", "msg_1", "{}")); id != "msg_1" || !ok {
		t.Errorf("signed header: ReplayID = %q, %v; want msg_1", id, ok)
	}

	mailgun, _ := Lookup("mailgun")
	for _, body := range []string{
		`{"signature":{"timestamp":"1","token":"tok-1","signature":"s"},"event-data":{}}`,
		"timestamp=1&token=tok-1&signature=s&event=delivered",
	} {
		if id, ok := mailgun.ID.ReplayID(delivery("", "", body)); id != "tok-1" || !ok {
			t.Errorf("mailgun %q: ReplayID = %q, %v; want its signed token", body, id, ok)
		}
	}
}
