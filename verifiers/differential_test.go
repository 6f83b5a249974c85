package verifiers_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hookgate/hookgate/verifiers"
	"github.com/hookgate/hookgate/verifiers/verifierstest"
)

// diffURL is where differential deliveries are addressed.
const diffURL = "https://hooks.example.com/webhook"

// formRule says which fields of a form the gate reads and how.
type formRule int

const (
	namedFields  formRule = iota // names, via the strict formLookup
	allFolded                    // every field, names folded (Cardknox)
	twilioFields                 // every field, repeats as Twilio's SDK signs them
)

// diffTarget is one preset that reads fields of what it verifies.
type diffTarget struct {
	name    string // label
	preset  string
	options map[string]string // added to the fixture's settings
	kind    string            // "json", "form" (body), "query" (URL query)
	ctype   string
	body    []byte // unsigned base body (kind json/form)
	query   string // base query (kind query)
	paths   [][]string
	rule    formRule
	names   []string
	folded  bool
	// rawHMAC names the header of a hex HMAC-SHA256 over the raw body, to
	// re-sign variants whose preset Signer rewrites the body (Linear).
	rawHMAC string
}

// diffFormBase is the form the form presets start from.
const diffFormBase = "xRefNum=1&txid=1&sequencenumber=0&txaction=paid&amount=10.00&name=two+words&data.id=d1"

// diffTargets lists every preset that reads fields: each preset whose
// identity comes from the body (Preset.BodyID), derived from the table,
// and those that read a form or a signed JSON field themselves.
func diffTargets(t *testing.T) []diffTarget {
	var ts []diffTarget
	fixtureBody := []byte(verifierstest.Bodies[0].Body)
	for _, name := range verifiers.Names() {
		p, _ := verifiers.Lookup(name)
		if p.BodyID == "" {
			continue
		}
		path := strings.Split(p.BodyID, ".")
		ts = append(ts, diffTarget{name: name + " (BodyID " + p.BodyID + ")", preset: name, kind: "json",
			ctype: "application/json", body: withJSONPath(t, fixtureBody, path), paths: [][]string{path}})
	}
	adyenBody := `{"live":"false","notificationItems":[{"NotificationRequestItem":{"pspReference":"PSP1","originalReference":"",` +
		`"merchantAccountCode":"Merchant","merchantReference":"ref1","amount":{"value":1000,"currency":"EUR"},` +
		`"eventCode":"AUTHORISATION","success":"true","additionalData":{}}}]}`
	var adyenPaths [][]string
	for _, f := range append(slices.Clone(verifiers.DiffAdyenSignedFields), "additionalData.hmacSignature") {
		adyenPaths = append(adyenPaths, append([]string{"notificationItems", "0", "NotificationRequestItem"}, strings.Split(f, ".")...))
	}
	var mailgunPaths [][]string
	for _, n := range verifiers.DiffMailgunNames {
		mailgunPaths = append(mailgunPaths, []string{"signature", n})
	}
	ts = append(ts,
		diffTarget{name: "hmac (id_field data.id)", preset: "hmac", options: map[string]string{verifiers.OptionIDField: "data.id"},
			kind: "json", ctype: "application/json", body: fixtureBody, paths: [][]string{{"data", "id"}}},
		diffTarget{name: "linear (webhookTimestamp)", preset: "linear", kind: "json", ctype: "application/json",
			body: fixtureBody, paths: [][]string{{"webhookTimestamp"}}, rawHMAC: "Linear-Signature"},
		diffTarget{name: "mailgun json", preset: "mailgun", kind: "json", ctype: "application/json", body: fixtureBody, paths: mailgunPaths},
		diffTarget{name: "adyen notification", preset: "adyen", options: map[string]string{"variant": "notification"},
			kind: "json", ctype: "application/json", body: []byte(adyenBody), paths: adyenPaths},
		diffTarget{name: "payone form", preset: "payone", kind: "form", ctype: "application/x-www-form-urlencoded",
			body: []byte(diffFormBase), rule: namedFields, names: verifiers.DiffPayoneFields},
		diffTarget{name: "mailgun form", preset: "mailgun", kind: "form", ctype: "application/x-www-form-urlencoded",
			body: []byte(diffFormBase), rule: namedFields, names: verifiers.DiffMailgunNames, folded: true},
		diffTarget{name: "cardknox form", preset: "cardknox", kind: "form", ctype: "application/x-www-form-urlencoded",
			body: []byte(diffFormBase), rule: allFolded, folded: true},
		diffTarget{name: "twilio form", preset: "twilio", kind: "form", ctype: "application/x-www-form-urlencoded",
			body: []byte(diffFormBase), rule: twilioFields},
		diffTarget{name: "mercadopago query", preset: "mercadopago", kind: "query", ctype: "application/json",
			body: fixtureBody, query: "data.id=ABC123&type=payment", rule: namedFields, names: []string{"data.id"}},
	)
	return ts
}

// withJSONPath returns body with a string at path, made where missing
// (a scalar on the way becomes an object).
func withJSONPath(t *testing.T, body []byte, path []string) []byte {
	doc, err := verifiers.ParseJSON(body)
	if err != nil {
		t.Fatal(err)
	}
	n := jtree(doc)
	parent := n.at(path[:len(path)-1], true)
	if i := parent.index(path[len(path)-1]); i < 0 {
		parent.mem = append(parent.mem, jmember{quoted(path[len(path)-1]), &jnode{raw: `"id_at_path"`}})
	}
	return n.bytes()
}

// maxDiffReports bounds the disagreements reported in full per target.
const maxDiffReports = 40

// diffCase is one variant a verifier accepted: what the readers must agree on.
type diffCase struct {
	target  *diffTarget
	variant string
	mode    string // "as sent" or "re-signed"
	data    []byte // body or query
}

// TestDifferentialParsers: for every preset that reads fields (diffTargets)
// and every adversarial variant of its signed body (jsonVariants,
// formVariants), delivered as the attacker sends it (the base's signature
// kept) and re-signed with the fixture's settings (whatever the gate
// accepts under a valid signature), whenever the verifier accepts, Python,
// Node, PHP and Go read what the gate read:
//
//   - JSON: at each path the gate reads, every parser's canonical value
//     equals the strict reader's (ParseJSON), present or absent alike, and
//     no parser refuses the body. Only those paths are compared: parsers
//     legitimately differ elsewhere (-0 is 0 to Python and PHP, -0 to Go
//     and Node), and the gate forwards the body untouched. A body the
//     strict reader finds not JSON at all has no field read (the verifier
//     reports no ID) and is not compared.
//   - Forms: for each field the gate reads (formLookup's names, or every
//     field for Cardknox and Twilio), every parser holds exactly the
//     strict reader's value under that name (PHP: under the name parse_str
//     files it as; FoldedNames: any case). Twilio's SDK signs repeated
//     fields, so there each parser must read only values signed under that
//     name.
//
// The scripts run once each, with every accepted body batched.
func TestDifferentialParsers(t *testing.T) {
	requireRuntimes(t)
	start := time.Now()
	now := time.Unix(1_700_000_000, 0)
	targets := diffTargets(t)
	var cases []diffCase
	for i := range targets {
		tg := &targets[i]
		got := diffRun(t, tg, now)
		accepted := 0
		for _, c := range got {
			if c.variant != "as signed" {
				accepted++
			}
		}
		if accepted == 0 {
			t.Errorf("%s: no variant but the signed body is accepted: the generator or signing is broken", tg.name)
		}
		cases = append(cases, got...)
	}
	// Read every accepted body once per runtime.
	var reqs []diffReq
	index := map[string]int{}
	kindOf := func(c diffCase) string { return c.target.kind }
	for _, c := range cases {
		k := kindOf(c) + "\x00" + string(c.data)
		if _, ok := index[k]; !ok {
			index[k] = len(reqs)
			reqs = append(reqs, diffReq{Kind: kindOf(c), Data: c.data})
		}
	}
	readings := runDiffReaders(t, reqs)
	failures := map[string]int{}
	for _, c := range cases {
		i := index[kindOf(c)+"\x00"+string(c.data)]
		all := map[string]diffReading{"go": goReading(kindOf(c), c.data)}
		for name, rs := range readings {
			all[name] = rs[i]
		}
		for _, msg := range diffCompare(c, all) {
			if failures[c.target.name]++; failures[c.target.name] <= maxDiffReports {
				t.Errorf("%s: %s\n\tvariant %q (%s), body %q", c.target.name, msg, c.variant, c.mode, c.data)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(failures)) {
		if n := failures[name]; n > maxDiffReports {
			t.Errorf("%s: %d disagreements in all (the first %d are above)", name, n, maxDiffReports)
		}
	}
	t.Logf("%d accepted variants read by %d parsers (%d distinct bodies) in %v", len(cases), len(readings)+1, len(reqs), time.Since(start))
}

// diffRun builds the target's variants and returns those its verifier
// accepts, as sent (signature of the base kept) and re-signed.
func diffRun(t *testing.T, tg *diffTarget, now time.Time) []diffCase {
	t.Helper()
	f, err := verifierstest.For(tg.preset, diffURL, now)
	if err != nil {
		t.Fatal(err)
	}
	sign, verify := f.Sign, f.Verify
	sign.Options, verify.Options = maps.Clone(sign.Options), maps.Clone(verify.Options)
	if sign.Options == nil {
		sign.Options, verify.Options = map[string]string{}, map[string]string{}
	}
	maps.Copy(sign.Options, tg.options)
	maps.Copy(verify.Options, tg.options)
	v, err := f.Preset.Build(verify)
	if err != nil {
		t.Fatal(err)
	}
	base := &verifiers.Message{Body: bytes.Clone(tg.body), URL: diffURL, Now: now, Header: http.Header{"Content-Type": {tg.ctype}}}
	if tg.kind == "query" {
		base.URL += "?" + tg.query
	}
	if err := f.Preset.Sign(sign, base); err != nil {
		t.Fatalf("%s: signing the base: %v", tg.name, err)
	}
	var variants []variant
	switch tg.kind {
	case "json":
		doc, err := verifiers.ParseJSON(base.Body)
		if err != nil {
			t.Fatalf("%s: signed base: %v", tg.name, err)
		}
		variants = jsonVariants(jtree(doc), tg.paths)
	case "form":
		names := tg.names
		if names == nil {
			fields, _ := verifiers.ParseForm(base.Body)
			for _, fl := range fields {
				names = append(names, fl.Name)
			}
		}
		variants = formVariants(string(base.Body), names)
	case "query":
		variants = formVariants(tg.query, tg.names)
	}
	deliver := func(m *verifiers.Message, data []byte) error {
		msg := *m
		if tg.kind != "query" {
			msg.Body = data
		}
		public := msg.URL
		if tg.kind == "query" {
			msg.URL = diffURL
		}
		r := verifierstest.Request(&msg)
		if tg.kind == "query" {
			r.URL.RawQuery = string(data)
			public = diffURL + "?" + string(data)
		}
		_, err := v.Verify(&verifiers.Delivery{Request: r, Body: msg.Body, Now: now, PublicURL: public})
		return err
	}
	var out []diffCase
	resigned, skipped := 0, 0
	for _, vr := range variants {
		if deliver(base, vr.body) == nil {
			out = append(out, diffCase{tg, vr.name, "as sent", vr.body})
		}
		m := &verifiers.Message{Body: bytes.Clone(vr.body), URL: diffURL, Now: now, Header: http.Header{"Content-Type": {tg.ctype}}}
		if tg.kind == "query" {
			m.Body, m.URL = bytes.Clone(tg.body), diffURL+"?"+string(vr.body)
		}
		if err := f.Preset.Sign(sign, m); err != nil {
			skipped++
			continue
		}
		if tg.kind != "query" && !bytes.Equal(m.Body, vr.body) {
			if tg.rawHMAC == "" {
				skipped++ // the Signer rewrites the body (Mailgun, Adyen): "as sent" covers it
				continue
			}
			m.Body = bytes.Clone(vr.body)
			mac := hmac.New(sha256.New, sign.Secrets[0])
			mac.Write(m.Body)
			m.Header.Set(tg.rawHMAC, hex.EncodeToString(mac.Sum(nil)))
		}
		resigned++
		if deliver(m, vr.body) == nil {
			out = append(out, diffCase{tg, vr.name, "re-signed", vr.body})
		}
	}
	t.Logf("%-32s %3d variants, %3d re-signed (%3d not re-signable), %3d accepted", tg.name, len(variants), resigned, skipped, len(out))
	return out
}
