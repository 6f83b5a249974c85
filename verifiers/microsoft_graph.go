package verifiers

import (
	"encoding/json"
	"net/http"
)

func init() {
	register(Preset{
		// Microsoft Graph change notifications: value[].clientState = the subscription's secret
		// (every item, constant time); ?validationToken= answered by the gate (microsoft_graph.go).
		Name: "microsoft_graph", New: newMicrosoftGraph, Signer: signMicrosoftGraph,
		Sample: []byte(`{"value":[{"id":"lsgTZMr9KwAAA","subscriptionId":"7f105c7d-2dc5-4530-97cd-4e7ae6534c07","subscriptionExpirationDateTime":"2026-03-20T11:00:00.0000000Z","changeType":"created","resource":"users/u1/messages/m1","tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","resourceData":{"@odata.type":"#Microsoft.Graph.Message","id":"m1"}}]}`),
		Doc: PresetDoc{
			Source:    "learn.microsoft.com/graph/change-notifications-delivery-webhooks",
			Signature: "none: body `value[].clientState` carries the secret",
			Algorithm: "shared secret (the subscription's `clientState`), compared in constant time",
			Signed:    "nothing (the clientState proves the sender knows the secret; the body is unsigned)",
			Handshake: "`?validationToken=<token>` (POST or GET, no body): 200 `text/plain` with the URL-decoded token (at most 1024 characters of `A-Za-z0-9 :-_.~+/=`)",
			Identity:  "hash of the body",
			Vectors:   "computed (learn.microsoft.com/graph/change-notifications-delivery-webhooks; the docs' example notification and lifecycle payloads)",
			Note: "Microsoft Graph signs nothing: every notification in the body's `value` array (change and lifecycle notifications: " +
				"`reauthorizationRequired`, `subscriptionRemoved`, `missed`) must carry a `clientState` equal to a configured secret, " +
				"or the whole delivery is refused. Configure the `clientState` of your subscriptions as the secret; several secrets " +
				"cover several subscriptions on one URL. Rich notifications (`includeResourceData`) also carry `validationTokens`, " +
				"JWTs signed by Microsoft, and `encryptedContent`: the gate does not validate those JWTs nor decrypt the content; " +
				"the app should still validate the tokens as Microsoft documents. The validation request is unauthenticated by design " +
				"(Graph sends no clientState with it): the gate only echoes a bounded token of safe characters.",
		},
	})
}

// microsoftGraph verifies Microsoft Graph change notifications delivered
// by webhook. Graph signs nothing: each notification of the JSON body's
// value array (change and lifecycle notifications alike) carries the
// subscription's clientState, a secret the app chose when it subscribed.
// Every item must carry a clientState equal to a configured secret,
// compared in constant time; a body without items is refused.
//
// When a subscription is created (or its lifecycle URL validated), Graph
// sends a request with ?validationToken=<token> and no body; the gate
// answers it with 200, text/plain and the URL-decoded token, so it never
// reaches the app. Only tokens of safe characters, at most
// graphMaxToken long, are echoed.
//
// Rich notifications (includeResourceData) also carry validationTokens,
// JWTs signed by Microsoft, and encrypted resource data: the gate does not
// validate those tokens; it checks the clientState of every item.
type microsoftGraph struct {
	states tokenSet
}

// graphMaxToken bounds the echoed validation token.
const graphMaxToken = 1024

func newMicrosoftGraph(s Settings) (Verifier, error) {
	return &microsoftGraph{states: newTokenSet(s.Secrets)}, nil
}

// graphValidationToken returns the token of a validation request, or ""
// when d is not exactly one: a POST or GET without a body and with one
// validationToken parameter (the notification URL's own parameters may
// come with it) of safe characters.
func graphValidationToken(d *Delivery) string {
	r := d.Request
	if r.Method != http.MethodPost && r.Method != http.MethodGet || len(d.Body) != 0 {
		return ""
	}
	values := r.URL.Query()["validationToken"]
	if len(values) != 1 || values[0] == "" || len(values[0]) > graphMaxToken {
		return ""
	}
	for _, c := range []byte(values[0]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' ||
			c == ' ' || c == ':' || c == '-' || c == '_' || c == '.' || c == '~' || c == '+' || c == '/' || c == '=') {
			return ""
		}
	}
	return values[0]
}

// Verify accepts a validation request (answered by Handshake) or a body
// whose every notification carries a configured clientState. The key
// reported is the one the first notification matched.
func (v *microsoftGraph) Verify(d *Delivery) (Verified, error) {
	if graphValidationToken(d) != "" {
		return Verified{Signed: []byte{}}, nil
	}
	doc, err := parseJSON(d.Body)
	if err != nil {
		return Verified{}, err
	}
	items := doc.Get("value")
	if items == nil || items.Kind != jsonArray || len(items.Elems) == 0 {
		return Verified{}, reject(missingSignature, "body has no notifications in value")
	}
	key := -1
	for i, item := range items.Elems {
		state := item.Get("clientState")
		if item.Kind != jsonObject || state == nil {
			return Verified{}, reject(missingSignature, "notification %d has no clientState", i)
		}
		if state.Kind != jsonString {
			return Verified{}, reject(malformedSignature, "clientState of notification %d is not a string", i)
		}
		k, ok := v.states.index([]byte(state.Text))
		if !ok {
			return Verified{}, reject(badSignature, "clientState of notification %d does not match", i)
		}
		if key < 0 {
			key = k
		}
	}
	return bodySigned(d.Body, key), nil
}

// Handshake echoes a validation request's token as text/plain.
func (v *microsoftGraph) Handshake(d *Delivery) *Answer {
	if t := graphValidationToken(d); t != "" {
		return &Answer{Status: http.StatusOK, ContentType: "text/plain; charset=utf-8", Body: []byte(t)}
	}
	return nil
}

// signMicrosoftGraph sets the clientState of every notification in the
// body's value array; a JSON body without one is wrapped as the single
// notification of a collection.
func signMicrosoftGraph(s Settings, m *Message) error {
	doc := map[string]json.RawMessage{}
	if err := json.Unmarshal(m.Body, &doc); err != nil {
		return err
	}
	state, _ := json.Marshal(string(firstSecret(s)))
	var items []map[string]json.RawMessage
	if raw, ok := doc["value"]; ok {
		if err := json.Unmarshal(raw, &items); err != nil {
			return err
		}
	} else {
		items = []map[string]json.RawMessage{doc}
		doc = map[string]json.RawMessage{}
	}
	for _, item := range items {
		item["clientState"] = state
	}
	raw, err := json.Marshal(items)
	if err != nil {
		return err
	}
	doc["value"] = raw
	if m.Body, err = json.Marshal(doc); err != nil {
		return err
	}
	m.Header.Set("Content-Type", "application/json")
	return nil
}

// Interface guards
var (
	_ Verifier   = (*microsoftGraph)(nil)
	_ Handshaker = (*microsoftGraph)(nil)
)
