package verifiers

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	_ "crypto/sha1" // SignatureVersion 1
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"
)

func init() {
	register(Preset{
		// Amazon SNS: SHA1/SHA256withRSA over "Key\nValue\n" of the signed body fields, certificate
		// fetched from SigningCertURL (sns.<region>.amazonaws.com); topic_arn required; subscriptions confirmed.
		Name: "aws_sns", SecretOptional: true, Options: []string{"topic_arn"}, RequiredOptions: []string{"topic_arn"},
		New: newAWSSNS, Signer: signAWSSNS,
		Sample: []byte(`{"event":"order.paid","order":{"id":"o_1001","total":"12.00"}}`),
		Doc: PresetDoc{
			Source:        "aws/aws-php-sns-message-validator src/MessageValidator.php, tests/FunctionalValidationsTest.php",
			Signature:     "body fields `Signature` (base64), `SignatureVersion` `1` or `2`, `SigningCertURL`",
			Algorithm:     "SHA1withRSA (version 1) or SHA256withRSA (version 2), key = the certificate at `SigningCertURL`, fetched only from `https://sns.<region>.amazonaws.com[.cn]/....pem`",
			Signed:        "`Key\\nValue\\n` for Message, MessageId, Subject (if present), Timestamp, TopicArn, Type (Notification); Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type (confirmations)",
			ToleranceNote: "SNS retries re-send the message as first signed, so `Timestamp` is only checked when `tolerance` is set",
			AllowListNote: "none set by hookgate: SNS delivers from AWS's shared address space; the signature and `topic_arn` are the check",
			Handshake:     "SubscriptionConfirmation of a listed topic: the gate GETs its SubscribeURL (an SNS host) and answers 200 (503 if SNS refused, so SNS resends); UnsubscribeConfirmation goes to the app",
			Identity:      "body `MessageId` (signed)",
			Vectors:       "sdk-test: aws/aws-php-sns-message-validator tests/FunctionalValidationsTest.php (4 real deliveries, versions 1 and 2, with AWS's certificate pinned); computed: python3 `cryptography` with a test key",
			Note: "`topic_arn` (required; several ARNs as one quoted value separated by spaces, `topic_arn \"arn:aws:sns:eu-west-1:123456789012:orders arn:aws:sns:eu-west-1:123456789012:refunds\"`): anyone can create an SNS topic and subscribe your URL, so a valid signature alone proves nothing; " +
				"a message whose TopicArn is not listed is refused whatever its type, before any certificate is fetched. " +
				"`SigningCertURL` must be an HTTPS URL whose host matches AWS's validators' pattern `^sns\\.[a-zA-Z0-9\\-]{3,}\\.amazonaws\\.com(\\.cn)?$` and whose path ends in `.pem`; " +
				"the certificate is fetched over HTTPS with normal certificate verification, no redirect off those hosts, cached per URL for the process (see docs/fetched-keys.md), and must be valid at the delivery. " +
				"A certificate that cannot be fetched gives 503 with Retry-After (`key_unavailable`): SNS retries. " +
				"The `x-amz-sns-message-type`, `-message-id` and `-topic-arn` headers, when sent, must repeat the signed fields. A Notification carrying `SubscribeURL` or `Token` is refused as ambiguous (AWS's validators disagree on whether they are signed). " +
				"For an offline site, pin the certificate (or its public key) with `public_key {file./etc/hookgate/sns.pem}`: it replaces fetching and trusts only that key. " +
				"`caddy webhook sign --provider aws_sns` takes the RSA private key (`caddy webhook keygen --algorithm rsa`) as the secret; pin the printed public key on the test route.",
		},
	})
}

// awsSNS verifies Amazon SNS HTTP/S deliveries as AWS's message validators
// do (aws/aws-php-sns-message-validator, aws/aws-js-sns-message-validator):
// the JSON body's fields, "Key\nValue\n" for each signed key present in
// AWS's order, are signed with SHA1withRSA (SignatureVersion 1) or
// SHA256withRSA (2) by the certificate at SigningCertURL, which must be an
// HTTPS URL on sns.<region>.amazonaws.com(.cn) ending in .pem.
//
// A valid signature only proves that some SNS topic sent the message, and
// anyone can make one: the TopicArn must be one of the route's topic_arn.
// A SubscriptionConfirmation for such a topic is confirmed by the gate
// (Handshake: a GET of its SubscribeURL, also on an SNS host) and answered
// 200; Notifications and UnsubscribeConfirmations go to the app.
type awsSNS struct {
	topics    map[string]bool
	keys      *keyRing
	tolerance time.Duration // 0: Timestamp not checked (SNS retries keep it)

	mu        sync.Mutex
	confirmed map[string]snsConfirmation // by SubscribeURL; see Handshake
}

// snsConfirmation is the gate's last GET of one SubscribeURL.
type snsConfirmation struct {
	at time.Time
	ok bool
}

// maxSNSConfirmations bounds the confirmations remembered per route.
const maxSNSConfirmations = 1024

// snsHost is AWS's default SigningCertURL host pattern, as in its SDK validators.
var snsHost = regexp.MustCompile(`^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$`)

// snsCerts is where SNS signing certificates are fetched from.
var snsCerts = &keySource{
	provider: "aws_sns",
	allowed: func(u *url.URL) bool {
		return httpsHost(u, snsHost.MatchString) && strings.HasSuffix(u.Path, ".pem") && u.RawQuery == "" && !u.ForceQuery
	},
	parse: parseCertificateDoc,
}

// snsSubscribeURL is where SubscribeURLs may point: an SNS host.
var snsSubscribeURL = &keySource{
	provider: "aws_sns",
	allowed: func(u *url.URL) bool {
		return httpsHost(u, snsHost.MatchString)
	},
}

// The signed keys, in AWS's order, of each message type.
var (
	snsNotificationKeys = []string{"Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"}
	snsConfirmationKeys = []string{"Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"}
)

// The headers SNS sends that repeat signed fields; the app may read them,
// so when present they must say what the signed body says.
var snsHeaderFields = map[string]string{
	"x-amz-sns-message-type": "Type",
	"x-amz-sns-message-id":   "MessageId",
	"x-amz-sns-topic-arn":    "TopicArn",
}

func newAWSSNS(s Settings) (Verifier, error) {
	topics := map[string]bool{}
	for _, t := range strings.Fields(s.Options["topic_arn"]) {
		topics[t] = true
	}
	if len(topics) == 0 {
		return nil, fmt.Errorf("aws_sns needs topic_arn: the ARNs of the topics this route takes (anyone can make an SNS topic)")
	}
	keys, err := newKeyRing(snsCerts, s, false)
	if err != nil {
		return nil, err
	}
	return &awsSNS{topics: topics, keys: keys, tolerance: s.Tolerance}, nil
}

// snsMessage is a delivery's fields, read strictly.
type snsMessage struct {
	fields map[string]string
	signed []byte
}

// readSNS reads the body's string fields and builds the signed string.
func readSNS(body []byte) (*snsMessage, error) {
	doc, err := parseJSON(body)
	if err != nil {
		return nil, err
	}
	if doc.Kind != jsonObject {
		return nil, reject(malformedSignature, "body is not an SNS message")
	}
	m := &snsMessage{fields: map[string]string{}}
	for _, member := range doc.Members {
		if member.Value.Kind == jsonString {
			m.fields[member.Key] = member.Value.Text
		}
	}
	var keys []string
	switch typ := m.fields["Type"]; typ {
	case "Notification":
		keys = snsNotificationKeys
		for _, k := range []string{"SubscribeURL", "Token"} {
			if doc.Get(k) != nil {
				// AWS's validators disagree on whether these are signed here.
				return nil, ambiguous("a Notification carries %s", k)
			}
		}
	case "SubscriptionConfirmation", "UnsubscribeConfirmation":
		keys = snsConfirmationKeys
	case "":
		return nil, reject(missingSignature, "body field Type is missing")
	default:
		return nil, reject(malformedSignature, "body field Type is not an SNS message type")
	}
	for _, k := range append(slicesOf(keys), "Signature", "SigningCertURL", "SignatureVersion") {
		v := doc.Get(k)
		switch {
		case v == nil && k == "Subject":
			continue
		case v == nil:
			return nil, reject(missingSignature, "body field %s is missing", k)
		case v.Kind != jsonString:
			return nil, reject(malformedSignature, "body field %s is not a string", k)
		}
	}
	var b bytes.Buffer
	for _, k := range keys {
		if v, ok := m.fields[k]; ok {
			b.WriteString(k + "\n" + v + "\n")
		}
	}
	m.signed = b.Bytes()
	return m, nil
}

// slicesOf copies keys so that appending never writes into the shared list.
func slicesOf(keys []string) []string { return append([]string(nil), keys...) }

func (v *awsSNS) Verify(d *Delivery) (Verified, error) {
	m, err := readSNS(d.Body)
	if err != nil {
		return Verified{}, err
	}
	for header, field := range snsHeaderFields {
		if vals := d.Request.Header.Values(header); len(vals) > 1 || len(vals) == 1 && vals[0] != m.fields[field] {
			return Verified{}, ambiguous("header %s does not say what the signed %s says", header, field)
		}
	}
	var hash crypto.Hash
	switch m.fields["SignatureVersion"] {
	case "1":
		hash = crypto.SHA1
	case "2":
		hash = crypto.SHA256
	default:
		return Verified{}, reject(malformedSignature, "SignatureVersion is not 1 or 2")
	}
	sig, err := base64.StdEncoding.DecodeString(m.fields["Signature"])
	if err != nil || len(sig) < 64 || len(sig) > 1024 {
		return Verified{}, reject(malformedSignature, "body field Signature is not a base64 RSA signature")
	}
	certURL, err := url.Parse(m.fields["SigningCertURL"])
	if err != nil || !snsCerts.allowed(certURL) {
		return Verified{}, reject(badSignature, "SigningCertURL is not an HTTPS .pem URL on an SNS host")
	}
	if m.fields["Type"] == "SubscriptionConfirmation" {
		if u, err := url.Parse(m.fields["SubscribeURL"]); err != nil || !snsSubscribeURL.allowed(u) {
			return Verified{}, reject(badSignature, "SubscribeURL is not an HTTPS URL on an SNS host")
		}
	}
	// Before any fetch: a topic the route does not take is refused outright.
	if !v.topics[m.fields["TopicArn"]] {
		return Verified{}, reject(badSignature, "TopicArn is not one of the route's topic_arn")
	}
	keys, err := v.keys.lookup(withKeyClient(d.Request.Context(), d.ClientIP), m.fields["SigningCertURL"], "")
	if err != nil {
		return Verified{}, err
	}
	index, err := verifyRSA(keys, hash, m.signed, sig, d.Now)
	if err != nil {
		return Verified{}, err
	}
	if v.tolerance > 0 {
		t, err := parseTimestamp(m.fields["Timestamp"], rfc3339)
		if err != nil {
			return Verified{}, err
		}
		if err := checkFresh(t, d.Now, v.tolerance); err != nil {
			return Verified{}, err
		}
	}
	if m.fields["MessageId"] == "" {
		return Verified{}, reject(malformedSignature, "body field MessageId is empty")
	}
	return Verified{ID: m.fields["MessageId"], Signed: m.signed, Key: index}, nil
}

// snsConfirmTimeout bounds the GET that confirms a subscription.
const snsConfirmTimeout = 10 * time.Second

// Handshake confirms a verified SubscriptionConfirmation with a GET of its
// SubscribeURL (an SNS host, checked by Verify) and answers 200; 503 when
// SNS did not take the confirmation, so that SNS sends it again. Other
// message types go to the app.
func (v *awsSNS) Handshake(d *Delivery) *Answer {
	m, err := readSNS(d.Body)
	if err != nil || m.fields["Type"] != "SubscriptionConfirmation" {
		return nil
	}
	confirmed := &Answer{Status: 200, ContentType: "text/plain; charset=utf-8", Body: []byte("subscription confirmed by the gate\n")}
	retry := &Answer{Status: 503, ContentType: "text/plain; charset=utf-8", Body: []byte("the gate could not confirm the subscription with SNS; send it again\n")}
	// A captured confirmation sent again must not make the gate call SNS
	// each time: one GET per SubscribeURL, retried at most once a minute.
	subscribe := m.fields["SubscribeURL"]
	v.mu.Lock()
	last, seen := v.confirmed[subscribe]
	if seen && (last.ok || d.Now.Sub(last.at) < keyRetryInterval) {
		v.mu.Unlock()
		if last.ok {
			return confirmed
		}
		return retry
	}
	if v.confirmed == nil || len(v.confirmed) >= maxSNSConfirmations {
		v.confirmed = map[string]snsConfirmation{}
	}
	v.confirmed[subscribe] = snsConfirmation{at: d.Now}
	v.mu.Unlock()

	ctx, cancel := context.WithTimeout(d.Request.Context(), snsConfirmTimeout)
	defer cancel()
	_, _, err = fetchDocument(ctx, snsSubscribeURL, subscribe)
	v.mu.Lock()
	v.confirmed[subscribe] = snsConfirmation{at: d.Now, ok: err == nil}
	v.mu.Unlock()
	if err != nil {
		return retry
	}
	return confirmed
}

// Interface guards
var (
	_ Verifier   = (*awsSNS)(nil)
	_ Handshaker = (*awsSNS)(nil)
)

// snsCertURL is the SigningCertURL the signer names for key: an SNS host,
// with the key's fingerprint as the file name, so that a test key server
// can serve the matching certificate.
func snsCertURL(pub crypto.PublicKey) string {
	der, _ := x509.MarshalPKIXPublicKey(pub)
	sum := sha256.Sum256(der)
	return "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-" + hex.EncodeToString(sum[:16]) + ".pem"
}

// signAWSSNS wraps the payload as the Message of an SNS Notification for
// the first topic_arn, signed (SignatureVersion 2) with the RSA private key
// given as the first secret; its SigningCertURL is snsCertURL.
func signAWSSNS(s Settings, m *Message) error {
	key, err := rsaSignerKey("aws_sns", s)
	if err != nil {
		return err
	}
	topic := "arn:aws:sns:us-east-1:123456789012:hookgate-test"
	if t := strings.Fields(s.Options["topic_arn"]); len(t) > 0 {
		topic = t[0]
	}
	id := m.ID
	if id == "" {
		id = randomUUID()
	}
	fields := map[string]string{
		"Type": "Notification", "MessageId": id, "TopicArn": topic, "Message": string(m.Body),
		"Timestamp": m.Now.UTC().Format("2006-01-02T15:04:05.000Z"), "SignatureVersion": "2",
		"SigningCertURL": snsCertURL(key.Public()),
		"UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":hookgate-test",
	}
	var signed bytes.Buffer
	for _, k := range snsNotificationKeys {
		if v, ok := fields[k]; ok {
			signed.WriteString(k + "\n" + v + "\n")
		}
	}
	digest := sha256.Sum256(signed.Bytes())
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		return fmt.Errorf("aws_sns: %v", err)
	}
	fields["Signature"] = base64.StdEncoding.EncodeToString(sig)
	var b bytes.Buffer
	b.WriteString("{")
	for i, k := range []string{"Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL"} {
		if i > 0 {
			b.WriteString(",")
		}
		b.Write(quoteJSON(k))
		b.WriteString(":")
		b.Write(quoteJSON(fields[k]))
	}
	b.WriteString("}")
	m.Body = b.Bytes()
	// SNS also sends x-amz-sns-message-type, -message-id and -topic-arn;
	// they are unsigned (the gate only checks that they repeat the body),
	// so the signer leaves them out.
	m.Header.Set("Content-Type", "text/plain; charset=UTF-8")
	return nil
}

// quoteJSON is s as a JSON string, HTML characters unescaped.
func quoteJSON(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// rsaSignerKey is the RSA private key given as the first secret.
func rsaSignerKey(provider string, s Settings) (*rsa.PrivateKey, error) {
	key, err := signerKey(provider, s)
	if err != nil {
		return nil, err
	}
	k, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s signs with an RSA private key (caddy webhook keygen --algorithm rsa)", provider)
	}
	return k, nil
}
