package verifiers

import (
	"strings"
	"testing"
)

func TestMicrosoftGraphValidation(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("SecretClientState")}}
	token := "Validation: Testing client application reachability for subscription Request-Id: 25f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"
	for _, tt := range []struct{ method, target string }{
		{"POST", "https://x/graph?validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+25f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"},
		{"GET", "https://x/graph?validationToken=Validation%3A%20Testing%20client%20application%20reachability%20for%20subscription%20Request-Id%3A%2025f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"},
		{"POST", "https://x/graph?tenant=contoso&validationToken=Validation%3a+Testing+client+application+reachability+for+subscription+Request-Id%3a+25f7b0d4-c8c3-4a28-9e4e-a9c1b7e29a44"}, // the notification URL's own query
	} {
		err, a := verifyAndAnswer(t, "microsoft_graph", s, request(tt.method, tt.target, ""))
		if err != nil || a == nil || a.Status != 200 || a.ContentType != "text/plain; charset=utf-8" || string(a.Body) != token {
			t.Errorf("%s %s: %v %+v", tt.method, tt.target, err, a)
		}
	}
	for _, forged := range []*Delivery{
		request("POST", "https://x/graph?validationToken=a&validationToken=b", ""),                 // repeated
		request("POST", "https://x/graph?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", ""), // markup
		request("POST", "https://x/graph?validationToken=%2522", ""),                               // decoded once: %22 is not echoed
		request("POST", "https://x/graph?validationToken=", ""),
		request("POST", "https://x/graph?validationToken="+strings.Repeat("a", graphMaxToken+1), ""),
		request("POST", "https://x/graph?validationToken=abc", `{"value":[]}`), // a body
		request("PUT", "https://x/graph?validationToken=abc", ""),
		request("POST", "https://x/graph?ValidationToken=abc", ""), // the parameter's name is exact
		request("POST", "https://x/graph", ""),
	} {
		if err, a := verifyAndAnswer(t, "microsoft_graph", s, forged); err == nil || a != nil {
			t.Errorf("%s %s accepted (%+v)", forged.Request.Method, forged.Request.URL, a)
		}
	}
}

func TestMicrosoftGraphClientState(t *testing.T) {
	s := Settings{Secrets: [][]byte{[]byte("old-state"), []byte("SecretClientState")}}
	item := func(state string) string {
		return `{"subscriptionId":"s1","changeType":"created","resource":"users/u/messages/m","clientState":` + state + `}`
	}
	body := func(items ...string) string { return `{"value":[` + strings.Join(items, ",") + `]}` }
	tests := []struct {
		name    string
		body    string
		want    Reason // "" = accepted
		wantKey int
	}{
		{"one notification", body(item(`"SecretClientState"`)), "", 1},
		{"batch, both secrets", body(item(`"old-state"`), item(`"SecretClientState"`)), "", 0},
		{"lifecycle notification", `{"value":[{"lifecycleEvent":"reauthorizationRequired","subscriptionId":"s1","subscriptionExpirationDateTime":"2019-09-18T00:52:45.9696658+00:00","clientState":"SecretClientState","tenantId":"t"}]}`, "", 1},
		{"rich notification: validationTokens not checked", `{"validationTokens":["eyJ0eXAiOiJKV1QifQ.e30.sig"],"value":[{"clientState":"SecretClientState","encryptedContent":{"data":"x"}}]}`, "", 1},
		{"one item of the batch wrong", body(item(`"SecretClientState"`), item(`"guess"`)), badSignature, 0},
		{"one item without clientState", body(item(`"SecretClientState"`), `{"subscriptionId":"s2"}`), missingSignature, 0},
		{"clientState not a string", body(item(`["SecretClientState"]`)), malformedSignature, 0},
		{"item not an object", body(`"SecretClientState"`), missingSignature, 0},
		{"no items", body(), missingSignature, 0},
		{"value absent", `{"clientState":"SecretClientState"}`, missingSignature, 0},
		{"value not an array", `{"value":{"clientState":"SecretClientState"}}`, missingSignature, 0},
		{"clientState case variant", body(`{"clientState":"SecretClientState","ClientState":"guess"}`), ambiguousBody, 0},
		{"clientState twice", body(`{"clientState":"guess","clientState":"SecretClientState"}`), ambiguousBody, 0},
		{"trailing content", body(item(`"SecretClientState"`)) + `{}`, ambiguousBody, 0},
		{"not JSON", "value=1", malformedSignature, 0},
		{"prefix of the secret", body(item(`"SecretClient"`)), badSignature, 0},
	}
	p, _ := Lookup("microsoft_graph")
	v, err := p.Build(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		got, err := v.Verify(request("POST", "https://x/graph", tt.body))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tt.name, err)
		case tt.want == "" && got.Key != tt.wantKey:
			t.Errorf("%s: key %d, want %d", tt.name, got.Key, tt.wantKey)
		case tt.want != "" && err == nil:
			t.Errorf("%s: accepted", tt.name)
		case tt.want != "" && ReasonOf(err) != tt.want:
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		case err != nil && strings.Contains(err.Error(), "SecretClientState"):
			t.Errorf("%s: refusal names the secret: %v", tt.name, err)
		}
	}
	// A verified notification is passed on, not answered.
	d := request("POST", "https://x/graph?validationToken=abc", body(item(`"SecretClientState"`)))
	if _, err := v.Verify(d); err != nil || v.(Handshaker).Handshake(d) != nil {
		t.Errorf("notification with a body: %v", err)
	}
}
