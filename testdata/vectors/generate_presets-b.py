#!/usr/bin/env python3
"""Builds presets-b.jsonl: the vectors of catalogue batch B (issue #12).

Every value is computed here with python's hmac/hashlib/base64 (and
`cryptography` for Ed25519), from each provider's documented algorithm,
independently of hookgate's Go code; lines copied from a provider's SDK
tests say so in `kind` and `source`, and where a source quotes a value the
script asserts that it matches. Run from anywhere:

    python3 testdata/vectors/generate_presets-b.py
"""
import base64, hashlib, hmac, json, os, urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = []
C = "computed"


def hm(alg, key, msg):
    key = key.encode() if isinstance(key, str) else key
    msg = msg.encode() if isinstance(msg, str) else msg
    return hmac.new(key, msg, alg).digest()


def hx(b):
    return b.hex()


def b64(b):
    return base64.b64encode(b).decode()


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def add(provider, secret, headers, body, valid, kind, source, notes="", now=None, url=None, **extra):
    v = {"provider": provider, "secret": secret, "headers": headers, "body": body, "url": url, "now": now,
         "expected_valid": valid, "kind": kind, "source": source, "notes": notes}
    v.update(extra)
    OUT.append(v)


def body_hmac(provider, header, prefix, enc, alg, secret, body, source, key=None, bad_secret="another-secret"):
    """One valid line, one tampered-body line and one wrong-secret line."""
    d = hm(alg, key if key is not None else secret, body)
    sig = prefix + (hx(d) if enc == "hex" else b64(d))
    add(provider, secret, {"Content-Type": "application/json", header: sig}, body, True, C, source)
    add(provider, secret, {"Content-Type": "application/json", header: sig}, body + " ", False, C, source, "body changed after signing")
    add(provider, bad_secret, {"Content-Type": "application/json", header: sig}, body, False, C, source, "verified with another secret")
    return sig


# ---- terraform_cloud ----
src = "developer.hashicorp.com/terraform/cloud-docs/api-docs/notification-configurations#notification-authenticity (X-TFE-Notification-Signature = hex HMAC-SHA512(token, body))"
tf_body = '{"payload_version":1,"notification_configuration_id":"nc-AeUQ2zfKZzW9TiGZ","run_url":"https://app.terraform.io/app/acme/ws/runs/run-y6QLrh4eHZ9mZQkC","run_id":"run-y6QLrh4eHZ9mZQkC","organization_name":"acme","workspace_name":"ws","notifications":[{"message":"Run Applied","trigger":"run:completed","run_status":"applied"}]}'
body_hmac("terraform_cloud", "X-TFE-Notification-Signature", "", "hex", hashlib.sha512, "tfe-notification-token-1", tf_body, src)

# ---- circleci ----
src = "circleci.com/docs/webhooks (circleci-signature: v1=<hex HMAC-SHA256(secret, body)>, comma-separated versions); CircleCI-Public/webhooks-consumer-sample"
cc_body = '{"type":"workflow-completed","id":"3888f21b-eaa7-38e3-8f3d-75a63bba8895","happened_at":"2021-09-01T22:49:34.317Z","webhook":{"id":"cf8c4fdd-0587-4da1-b4ca-4846e9640af9","name":"Sample Webhook"},"workflow":{"id":"fda08377-fe7e-46b1-8992-3a7aaecac9c3","name":"build-test-deploy","status":"success"}}'
cc_sig = hx(hm(hashlib.sha256, "circleci-secret-1", cc_body))
add("circleci", "circleci-secret-1", {"Content-Type": "application/json", "circleci-signature": "v1=" + cc_sig}, cc_body, True, C, src)
add("circleci", "circleci-secret-1", {"Content-Type": "application/json", "circleci-signature": "v2=" + "0" * 64 + ",v1=" + cc_sig}, cc_body, True, C, src, "a future version alongside v1: v1 is read")
add("circleci", "circleci-secret-1", {"Content-Type": "application/json", "circleci-signature": cc_sig}, cc_body, False, C, src, "bare hex without v1=: refused")
add("circleci", "circleci-secret-2", {"Content-Type": "application/json", "circleci-signature": "v1=" + cc_sig}, cc_body, False, C, src, "verified with another secret")

# ---- mollie ----
msrc = "mollie/mollie-api-php tests/Webhooks/SignatureValidatorTest.php (secret test_webhook_secret, payload below, createSignature = hash_hmac sha256)"
mbody = '{"id":"tr_12345","event_type":"payment-link.paid"}'
msig = hx(hm(hashlib.sha256, "test_webhook_secret", mbody))
add("mollie", "test_webhook_secret", {"Content-Type": "application/json", "X-Mollie-Signature": "sha256=" + msig}, mbody, True, "sdk-test", msrc, "verifies_valid_signature_with_prefix")
add("mollie", "alternate_webhook_secret", {"Content-Type": "application/json", "X-Mollie-Signature": "sha256=" + msig}, mbody, False, "sdk-test", msrc, "signed with test_webhook_secret, checked with the test's ALTERNATE_SECRET")
src = "docs.mollie.com/reference/webhooks-best-practices (X-Mollie-Signature, HMAC-SHA256 of the raw body, shared secret)"
m2 = '{"resource":"event","id":"event_GvJ8WHrp5isUdRub9CJyH","type":"payment-link.paid","entityId":"pl_qng5gbbv8NAZ5gpM5ZYgx","createdAt":"2024-12-16T16:45:31+00:00"}'
m2sig = hx(hm(hashlib.sha256, "mollie-signing-secret", m2))
add("mollie", "mollie-signing-secret", {"Content-Type": "application/json", "X-Mollie-Signature": "sha256=" + m2sig}, m2, True, C, src)
add("mollie", "mollie-signing-secret", {"Content-Type": "application/x-www-form-urlencoded"}, "id=tr_5B8cwPMGnU6qLbRvo7qEZo", False, C,
    "docs.mollie.com/reference/webhooks (classic webhooks carry no signature)", "classic unsigned webhook: refused")

# ---- launchdarkly ----
src = "launchdarkly.com/docs/home/infrastructure/webhooks#sign-a-webhook (X-LD-Signature = hex HMAC-SHA256(secret, body))"
body_hmac("launchdarkly", "X-LD-Signature", "", "hex", hashlib.sha256, "ld-webhook-secret",
          '{"_id":"57c0a8e29969090743529965","kind":"flag","name":"Example flag","date":1472243938774,"titleVerb":"changed the name of"}', src)

# ---- segment ----
src = "segmentio/segment-docs src/connections/destinations/catalog/webhooks/index.md#authentication (X-Signature = hex HMAC-SHA1(shared secret, body))"
body_hmac("segment", "X-Signature", "", "hex", hashlib.sha1, "segment-shared-secret",
          '{"version":1,"type":"track","userId":"019mr8mf4r","event":"Purchased an Item","properties":{"revenue":"39.95","shippingMethod":"2-day"},"messageId":"ajs-5f1a2b3c","timestamp":"2012-12-02T00:30:08.276Z"}', src)

# ---- notion ----
src = "developers.notion.com/reference/webhooks#step-3-validating-event-payloads-recommended (X-Notion-Signature: sha256=<hex HMAC-SHA256(verification_token, body)>)"
body_hmac("notion", "X-Notion-Signature", "sha256=", "hex", hashlib.sha256, "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl",
          '{"id":"367cba44-b6f3-4c92-81e7-6a2e9659efd4","timestamp":"2024-12-05T23:55:34.285Z","workspace_id":"13950b26-c203-4f3b-b97d-93ec06319565","type":"page.created","entity":{"id":"153104cd-477e-809d-8dc4-ff2d96ae3090","type":"page"}}', src)
add("notion", "secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl", {"Content-Type": "application/json"},
    '{"verification_token":"secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl"}', False, C, src,
    "the one-time verification POST is unsigned: refused (the gate cannot complete Notion's manual handshake)")

# ---- airtable ----
src = "airtable.com/developers/web/api/webhooks-overview#webhook-notification-delivery (X-Airtable-Content-MAC: 'hmac-sha256=' + hex HMAC-SHA256(base64-decoded macSecretBase64, body))"
at_secret = b64(bytes(range(1, 33)))
at_body = '{"base":{"id":"appXXXXXXXXXXXXXX"},"webhook":{"id":"achYYYYYYYYYYYYYY"},"timestamp":"2022-02-01T21:25:05.663Z"}'
at_sig = "hmac-sha256=" + hx(hm(hashlib.sha256, base64.b64decode(at_secret), at_body))
add("airtable", at_secret, {"Content-Type": "application/json", "X-Airtable-Content-MAC": at_sig}, at_body, True, C, src)
add("airtable", at_secret, {"Content-Type": "application/json", "X-Airtable-Content-MAC": "hmac-sha256=" + hx(hm(hashlib.sha256, at_secret, at_body))}, at_body, False, C, src,
    "keyed with the base64 text instead of the decoded bytes: refused")
add("airtable", b64(bytes(range(2, 34))), {"Content-Type": "application/json", "X-Airtable-Content-MAC": at_sig}, at_body, False, C, src, "verified with another MAC secret")

# ---- frameio ----
src = "developer.frame.io/platform/docs/guides/webhooks#verifying-webhook-signatures (X-Frameio-Signature: v0=<hex HMAC-SHA256('v0:' + X-Frameio-Request-Timestamp + ':' + body)>)"
fsec, ft = "frameio-signing-secret", 1700000000
fbody = '{"type":"asset.created","resource":{"type":"asset","id":"d3075547-4e64-45f0-ad12-d075660eddd2"},"user":{"id":"56556a3f-859f-4b38-b6c6-e8625b5da8a5"},"team":{"id":"35543609-7c21-4b39-9d33-fcb1c8b0e4e2"}}'
fsig = "v0=" + hx(hm(hashlib.sha256, fsec, f"v0:{ft}:{fbody}"))
fh = {"Content-Type": "application/json", "X-Frameio-Request-Timestamp": str(ft), "X-Frameio-Signature": fsig}
add("frameio", fsec, fh, fbody, True, C, src, now=ft)
add("frameio", fsec, fh, fbody, False, C, src, "301 s later: outside the 5-minute window", now=ft + 301)
add("frameio", fsec, dict(fh, **{"X-Frameio-Request-Timestamp": str(ft + 1)}), fbody, False, C, src, "timestamp header changed after signing", now=ft)

# ---- quickbooks ----
qsrc = "intuit/QuickBooks-V3-Java-SDK ipp-v3-java-devkit/src/test/java/com/intuit/ipp/services/WebhooksServiceTest.java::testVerifyPayload"
qtoken = "b5771f19b12ddb4bcdb9f08bdc50bc63878a"
qbody = '{"eventNotifications":[{"realmId":"1185883450","dataChangeEvent":{"entities":[{"name":"Customer","id":"1","operation":"Create","lastUpdated":"2015-10-05T14:42:19-0700"}]}}]}'
qsig = "JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q="
assert b64(hm(hashlib.sha256, qtoken, qbody)) == qsig
add("quickbooks", qtoken, {"Content-Type": "application/json", "intuit-signature": qsig}, qbody, True, "sdk-test", qsrc)
add("quickbooks", qtoken, {"Content-Type": "application/json", "intuit-signature": "1234"}, qbody, False, "sdk-test", qsrc, "the test's invalid signature \"1234\"")
add("quickbooks", "another-verifier-token", {"Content-Type": "application/json", "intuit-signature": qsig}, qbody, False, C, qsrc, "verified with another verifier token")


# ---- telnyx ----
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization
tsrc = "team-telnyx/telnyx-python src/telnyx/lib/webhook_verification.py (Ed25519 over '{telnyx-timestamp}|{body}', base64 signature and key, 300 s tolerance)"
seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")  # RFC 8032 TEST 1
tpriv = Ed25519PrivateKey.from_private_bytes(seed)
tpub = b64(tpriv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))
tt = 1700000000
tbody = '{"data":{"event_type":"message.received","id":"b301ed3f-1490-491f-995f-6e64e69674d4","occurred_at":"2023-11-14T22:13:20.000+00:00","payload":{"id":"40318b91-28e8-4f0a-8b5e-0e1e7b4e3f3a","text":"hello"},"record_type":"event"},"meta":{"attempt":1,"delivered_to":"https://example.com/hook"}}'
tsig = b64(tpriv.sign(f"{tt}|{tbody}".encode()))
th = {"Content-Type": "application/json", "telnyx-signature-ed25519": tsig, "telnyx-timestamp": str(tt)}
add("telnyx", None, th, tbody, True, C, tsrc, "key = RFC 8032 TEST 1", now=tt, public_key=tpub)
add("telnyx", None, th, tbody + " ", False, C, tsrc, "body changed after signing", now=tt, public_key=tpub)
add("telnyx", None, th, tbody, False, C, tsrc, "301 s later: outside the SDKs' 300 s", now=tt + 301, public_key=tpub)
add("telnyx", None, dict(th, **{"telnyx-signature-ed25519": b64(tpriv.sign(f"{tt}{tbody}".encode()))}), tbody, False, C, tsrc,
    "signed without the '|' separator: refused", now=tt, public_key=tpub)

# ---- youtube (WebSub) ----
ysrc = "developers.google.com/youtube/v3/guides/push_notifications; PubSubHubbub Core 0.4 sections 6.1.2 (verification GET, challenge echoed) and 7.1 (X-Hub-Signature: sha1=<hex HMAC-SHA1(hub.secret, body)>)"
ytopic = "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCxxxxxxxxxxxxxxxxxxxxxx"
ysec = "hub-secret-for-youtube"
ybody = '<?xml version="1.0" encoding="UTF-8"?><feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom"><entry><id>yt:video:VIDEO_ID</id><yt:videoId>VIDEO_ID</yt:videoId><yt:channelId>UCxxxxxxxxxxxxxxxxxxxxxx</yt:channelId><title>Video title</title></entry></feed>'
ysig = "sha1=" + hx(hm(hashlib.sha1, ysec, ybody))
yopt = {"topic": ytopic}
add("youtube", ysec, {"Content-Type": "application/atom+xml", "X-Hub-Signature": ysig}, ybody, True, C, ysrc, options=yopt)
add("youtube", ysec, {"Content-Type": "application/atom+xml", "X-Hub-Signature": ysig}, ybody.replace("Video title", "Other title"), False, C, ysrc, "feed changed after signing", options=yopt)
q = urllib.parse.urlencode({"hub.topic": ytopic, "hub.challenge": "14828372985938183453", "hub.mode": "subscribe", "hub.lease_seconds": "432000"})
add("youtube", ysec, {}, "", True, C, ysrc, "the hub's verification of intent: the challenge echoed", url="https://example.com/hook?" + q, method="GET", options=yopt,
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": "14828372985938183453"})
q2 = urllib.parse.urlencode({"hub.topic": "https://www.youtube.com/xml/feeds/videos.xml?channel_id=UCotherchannelxxxxxxxxxx", "hub.challenge": "14828372985938183453", "hub.mode": "subscribe"})
add("youtube", ysec, {}, "", False, C, ysrc, "verification GET for a topic the route was not configured with: refused", url="https://example.com/hook?" + q2, method="GET", options=yopt)

# ---- x ----
xsrc = "docs.x.com/x-api/webhooks/introduction (Challenge-Response Check: response_token = 'sha256=' + base64 HMAC-SHA256(consumer secret, crc_token); x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>)"
xsec = "x-consumer-secret-0123456789"
xbody = '{"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1050118621198921728","text":"hello @XDevelopers"}]}'
xsig = "sha256=" + b64(hm(hashlib.sha256, xsec, xbody))
add("x", xsec, {"Content-Type": "application/json", "x-twitter-webhooks-signature": xsig}, xbody, True, C, xsrc)
add("x", "x-consumer-secret-other", {"Content-Type": "application/json", "x-twitter-webhooks-signature": xsig}, xbody, False, C, xsrc, "verified with another consumer secret")
crc = "ZjhiNWY1ZTMtMjEyNS00ZmE4LWI4YjgtOWQ5ODc5NzJiNjY3"
resp = json.dumps({"response_token": "sha256=" + b64(hm(hashlib.sha256, xsec, crc))}, separators=(",", ":"))
add("x", xsec, {}, "", True, C, xsrc, "CRC answered by the gate", url="https://example.com/hook?crc_token=" + crc, method="GET",
    answer={"status": 200, "content_type": "application/json", "body": resp})
add("x", xsec, {}, "", False, C, xsrc, "a GET without crc_token: refused", url="https://example.com/hook?token=" + crc, method="GET")
add("x", xsec, {"Content-Type": "application/json", "x-twitter-webhooks-signature": "sha256=" + b64(hm(hashlib.sha256, xsec, crc))}, crc, False, C, xsrc,
    "a body equal to a crc_token, signed with the CRC answer: refused (the CRC would make the gate an HMAC oracle for non-JSON bodies)")

# ---- braintree ----
bsrc = "braintree/braintree_python braintree/webhook_notification_gateway.py (bt_signature pairs 'public_key|hex HMAC-SHA1(SHA1(private_key), bt_payload)', '&'-separated; payload + '\\n' also accepted) and webhook_testing_gateway.py"
bpk, bpriv = "integration_public_key", "integration_private_key"
bkey = hashlib.sha1(bpriv.encode()).digest()
bchal = "20f9f8ed05f77439fe955c977e4c8a53"
bans = "integration_public_key|d9b899556c966b3f06945ec21311865d35df3ce4"
assert bpk + "|" + hx(hm(hashlib.sha1, bkey, bchal)) == bans
bopt = {"api_public_key": bpk}
add("braintree", bpriv, {}, "", True, "sdk-test", "braintree/braintree_python tests/unit/test_webhooks.py::test_verify_returns_a_correct_challenge_response (keys from tests/test_helper.py)",
    "the challenge answered by the gate", url="https://example.com/hook?bt_challenge=" + bchal, method="GET", options=bopt,
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": bans})
add("braintree", bpriv, {}, "", False, "sdk-test", "braintree/braintree_python tests/unit/test_webhooks.py::test_verify_raises_when_challenge_is_invalid",
    "'bad challenge' is not hex: not answered, refused", url="https://example.com/hook?bt_challenge=bad+challenge", method="GET", options=bopt)
bxml = '<notification><timestamp type="datetime">2024-05-01T10:00:00Z</timestamp><kind>subscription_went_past_due</kind><subject><subscription><id>my_id</id></subscription></subject></notification>'
bpay = base64.encodebytes(bxml.encode()).decode()  # MIME lines of 76 characters, as the SDKs' sample notifications
bsig = bpk + "|" + hx(hm(hashlib.sha1, bkey, bpay))
def bform(sig, pay):
    return urllib.parse.urlencode({"bt_signature": sig, "bt_payload": pay})
bh = {"Content-Type": "application/x-www-form-urlencoded"}
add("braintree", bpriv, bh, bform(bsig, bpay), True, C, bsrc, options=bopt)
add("braintree", bpriv, bh, bform("other_public_key|" + "0" * 40 + "&" + bsig, bpay), True, C, bsrc, "several pairs: the configured public key's is checked", options=bopt)
add("braintree", bpriv, bh, bform(bsig, bpay.rstrip("\n")), True, C, bsrc, "payload without its last newline: the SDKs also try payload + newline", options=bopt)
add("braintree", bpriv, bh, bform(bsig, "YmFkc3R1ZmY=" + bpay), False, C, bsrc, "payload modified (tests/unit/test_webhooks.py::test_invalid_signature_when_payload_modified)", options=bopt)
add("braintree", "wrong_private_key", bh, bform(bsig, bpay), False, C, bsrc, "another private key", options=bopt)
add("braintree", bpriv, bh, bform(bsig, bpay), False, C, bsrc, "no pair for the configured public key (test_webhooks.py: 'no matching public key')", options={"api_public_key": "wrong_public_key"})

# ---- midtrans ----
mtsrc = "docs.midtrans.com (Handling HTTP Notification, 'Verifying Notification Authenticity': signature_key = SHA512(order_id + status_code + gross_amount + ServerKey))"
mtkey = "VT-server-HJMpl9HLr_ntOKt5mRONdmKj"
def mtbody(order, status, gross, sk, gross_json=None):
    g = json.dumps(gross) if gross_json is None else gross_json
    return ('{"transaction_time":"2020-01-09 18:27:19","transaction_status":"capture","transaction_id":"57d5293c-e65f-4a29-95e4-5959c3fa335b",'
            '"status_message":"midtrans payment notification","status_code":"%s","signature_key":"%s","payment_type":"credit_card",'
            '"order_id":"%s","merchant_id":"G141532850","masked_card":"48111111-1114","gross_amount":%s,"fraud_status":"accept","currency":"IDR"}') % (status, sk, order, g)
mtsig = hashlib.sha512(("Postman-1578568851" + "200" + "10000.00" + mtkey).encode()).hexdigest()
add("midtrans", mtkey, {"Content-Type": "application/json"}, mtbody("Postman-1578568851", "200", "10000.00", mtsig), True, C, mtsrc)
add("midtrans", mtkey, {"Content-Type": "application/json"}, mtbody("Postman-1578568851", "200", "10001.00", mtsig), False, C, mtsrc, "gross_amount changed after signing")
add("midtrans", mtkey, {"Content-Type": "application/json"}, mtbody("Postman-1578568851", "200", "10000.00", mtsig, gross_json="10000.00"), False, C, mtsrc,
    "gross_amount sent as a JSON number: refused, parsers format it differently")
add("midtrans", "VT-server-other", {"Content-Type": "application/json"}, mtbody("Postman-1578568851", "200", "10000.00", mtsig), False, C, mtsrc, "another server key")

# ---- payfast ----
pfsrc = "developers.payfast.co.za/docs#step_4_confirm_payment (pfValidSignature: md5(name=urlencode(value)&... of the posted fields before signature + '&passphrase=' + urlencode(passphrase)))"
def php_urlencode(v):
    return "".join(c if (c.isascii() and (c.isalnum() or c in "_.-")) else ("+" if c == " " else "".join("%%%02X" % b for b in c.encode())) for c in v)
pff = [("m_payment_id", "SuperUnique1"), ("pf_payment_id", "1089250"), ("payment_status", "COMPLETE"), ("item_name", "test product"),
       ("item_description", "Caf\u00e9 (large) ~ *special*!"), ("amount_gross", "200.00"), ("amount_fee", "-4.60"), ("amount_net", "195.40"),
       ("custom_str1", ""), ("custom_int1", ""), ("name_first", ""), ("email_address", "john@doe.com"), ("merchant_id", "10000100")]
pfpass = "jt7NOE43FZPn"
def pf_sig(fields, passphrase, enc):
    ps = "&".join(k + "=" + enc(v) for k, v in fields)
    return hashlib.md5((ps + "&passphrase=" + enc(passphrase)).encode()).hexdigest()
def js_enc(v):
    return urllib.parse.quote(v, safe="-_.!~*'()").replace("%20", "+")
def pfbody(fields, sig):
    return urllib.parse.urlencode(fields + [("signature", sig)])
pfh = {"Content-Type": "application/x-www-form-urlencoded"}
add("payfast", pfpass, pfh, pfbody(pff, pf_sig(pff, pfpass, php_urlencode)), True, C, pfsrc, "PHP urlencode of values (with !()*~ and a non-ASCII character)")
add("payfast", pfpass, pfh, pfbody(pff, pf_sig(pff, pfpass, js_enc)), True, C, pfsrc, "PayFast's Node.js encoding: encodeURIComponent with + for spaces")
add("payfast", pfpass, pfh, pfbody([(k, "300.00" if k == "amount_gross" else v) for k, v in pff], pf_sig(pff, pfpass, php_urlencode)), False, C, pfsrc, "amount_gross changed after signing")
add("payfast", "another-passphrase", pfh, pfbody(pff, pf_sig(pff, pfpass, php_urlencode)), False, C, pfsrc, "another passphrase")
add("payfast", pfpass, pfh, pfbody(pff, pf_sig(pff, pfpass, php_urlencode)) + "&amount_net=1.00", False, C, pfsrc, "a field after the signature: refused (it would be unsigned)")

# ---- JWT helpers (RFC 7515 compact JWS, HS256) ----
def jwt(key, claims, header=None):
    h = b64url(json.dumps(header or {"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64url(json.dumps(claims, separators=(",", ":")).encode())
    return f"{h}.{p}." + b64url(hm(hashlib.sha256, key, f"{h}.{p}"))

# ---- netlify ----
nsrc = "docs.netlify.com/site-deploys/deploy-notifications/#payload-signature (X-Webhook-Signature: JWS HS256 with the JWS secret token; claims iss = netlify, sha256 = hex SHA-256 of the payload)"
nsec = "netlify-jws-secret"
nbody = '{"id":"5e5a2a9fd4a2b5e6a5b1c2d3","site_id":"9d0f4a3b-2c1e-4b5a-8d7f-1e2f3a4b5c6d","state":"ready","name":"example","deploy_ssl_url":"https://5e5a2a9f--example.netlify.app"}'
ntok = jwt(nsec, {"iss": "netlify", "sha256": hashlib.sha256(nbody.encode()).hexdigest()})
add("netlify", nsec, {"Content-Type": "application/json", "X-Webhook-Signature": ntok}, nbody, True, C, nsrc)
add("netlify", nsec, {"Content-Type": "application/json", "X-Webhook-Signature": ntok}, nbody.replace("ready", "error"), False, C, nsrc, "body changed: the sha256 claim no longer matches")
add("netlify", nsec, {"Content-Type": "application/json", "X-Webhook-Signature": jwt(nsec, {"iss": "someone", "sha256": hashlib.sha256(nbody.encode()).hexdigest()})}, nbody, False, C, nsrc, "iss is not netlify")
none_tok = b64url(b'{"alg":"none","typ":"JWT"}') + "." + b64url(json.dumps({"iss": "netlify", "sha256": hashlib.sha256(nbody.encode()).hexdigest()}).encode()) + "."
add("netlify", nsec, {"Content-Type": "application/json", "X-Webhook-Signature": none_tok}, nbody, False, C, nsrc, "alg none: refused")
add("netlify", "another-secret", {"Content-Type": "application/json", "X-Webhook-Signature": ntok}, nbody, False, C, nsrc, "another JWS secret")

# ---- vonage ----
vsdk = "Vonage/vonage-python-sdk jwt/tests/test_verify_jwt.py (token, valid_signature, invalid_signature)"
vtok = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJPbmxpbmUgSldUIEJ1aWxkZXIiLCJpYXQiOjE2OTc2MzQ2ODAsImV4cCI6MzMyNTQ1NDA4MjgsImF1ZCI6IiIsInN1YiI6IiJ9.88vJc3I2HhuqEDixHXVhc9R30tA6U_HQHZTC29y6CGM"
assert vtok.split(".")[2] == b64url(hm(hashlib.sha256, "qwertyuiopasdfghjklzxcvbnm123456", ".".join(vtok.split(".")[:2])))
add("vonage", "qwertyuiopasdfghjklzxcvbnm123456", {"Authorization": "Bearer " + vtok}, "", True, "sdk-test", vsdk,
    "test_verify_signature_valid; no body, so no payload_hash; judged at its iat", now=1697634680)
add("vonage", "asdf", {"Authorization": "Bearer " + vtok}, "", False, "sdk-test", vsdk, "test_verify_signature_invalid", now=1697634680)
vsrc = "developer.vonage.com/en/getting-started/concepts/signing-messages#validate-the-signature-on-incoming-messages (Authorization: Bearer JWT, HS256 with the signature secret; payload_hash = SHA-256 of the body; iat)"
vsec, vt = "vonage-signature-secret-0123456789", 1700000000
vbody = '{"message_uuid":"aaaaaaaa-bbbb-cccc-dddd-0123456789ab","to":"447700900000","from":"447700900001","timestamp":"2023-11-14T22:13:20Z","status":"delivered","channel":"sms"}'
vclaims = {"iat": vt, "jti": "c5ba8f24-1a14-4c10-bfdf-3fbe8ce511b5", "iss": "Vonage", "payload_hash": hashlib.sha256(vbody.encode()).hexdigest(),
           "api_key": "abcd1234", "application_id": "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"}
vh = {"Content-Type": "application/json", "Authorization": "Bearer " + jwt(vsec, vclaims)}
add("vonage", vsec, vh, vbody, True, C, vsrc, now=vt)
add("vonage", vsec, vh, vbody.replace("delivered", "rejected"), False, C, vsrc, "body changed: payload_hash no longer matches", now=vt)
add("vonage", vsec, vh, vbody, False, C, vsrc, "iat 25 h 1 s ago: older than the 25-hour default that covers Vonage's 24 hours of retries", now=vt + 90001)
add("vonage", vsec, {"Content-Type": "application/json", "Authorization": "Bearer " + jwt(vsec, {k: v for k, v in vclaims.items() if k != "payload_hash"})}, vbody, False, C, vsrc,
    "a body without payload_hash: refused", now=vt)
add("vonage", vsec, {"Content-Type": "application/json", "Authorization": "Bearer " + jwt(vsec, vclaims, {"alg": "HS512", "typ": "JWT"})}, vbody, False, C, vsrc,
    "header says HS512: refused", now=vt)

# ---- monday ----
mosrc = "developer.monday.com/apps/docs/authorization-header (Authorization JWT signed with the app's Signing Secret; check aud = endpoint URL and exp); developer.monday.com/api-reference/docs/webhooks#url-verification (challenge echoed)"
mosec, mot = "monday-signing-secret", 1606808458
mourl = "https://www.yourserver.com/endpoint"
moclaims = {"accountId": 1825529, "userId": 4012689, "aud": mourl, "exp": mot + 300, "shortLivedToken": "SHORT_LIVED_TOKEN_HERE", "iat": mot}
motok = jwt(mosec, moclaims)
mobody = '{"event":{"userId":4012689,"originalTriggerUuid":null,"boardId":1771812698,"pulseId":1771812728,"pulseName":"Item 1","groupId":"topics","type":"create_pulse","triggerTime":"2020-12-01T07:40:58.000Z","triggerUuid":"3ff5f2ed7dca1c1ab8f0f8b6cb19be85"}}'
add("monday", mosec, {"Content-Type": "application/json", "Authorization": motok}, mobody, True, C, mosrc, now=mot + 10, url=mourl)
add("monday", mosec, {"Content-Type": "application/json", "Authorization": motok}, mobody, False, C, mosrc, "exp passed more than the 5-minute leeway ago", now=mot + 300 + 301, url=mourl)
add("monday", mosec, {"Content-Type": "application/json", "Authorization": motok}, mobody, False, C, mosrc, "delivered to another URL than aud", now=mot + 10, url="https://www.yourserver.com/other")
add("monday", mosec, {"Content-Type": "application/json", "Authorization": motok}, '{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}', True, C, mosrc,
    "verified challenge answered by the gate", now=mot + 10, url=mourl,
    answer={"status": 200, "content_type": "application/json", "body": '{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}'})
add("monday", mosec, {"Content-Type": "application/json"}, '{"challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}', False, C, mosrc,
    "an unsigned challenge: refused", now=mot + 10, url=mourl)

# ---- plivo ----
plsrc = "plivo/plivo-python plivo/utils/signature_v3.py (validate_v3_signature: construct_post_url / construct_get_url, base64 HMAC-SHA256(auth token, base + '.' + nonce), comma-separated signatures)"
def plivo_base(uri, method, post):
    u = urllib.parse.urlparse(uri)
    base = f"{u.scheme}://{u.netloc}{u.path}"
    q = dict(urllib.parse.parse_qsl(u.query, keep_blank_values=True))
    qs = "&".join(f"{k}={q[k]}" for k in sorted(q))
    if qs or post:
        base += "?" + qs
    if qs and post:
        base += "."
    return base + "".join(f"{k}{post[k]}" for k in sorted(post))
pltok, plnonce = "MAXXXXXXXXXXXXXXXXXX-auth-token", "05429567804466091622"
plurl = "https://example.com/plivo/answer?app=voice&b=1"
plpost = {"CallUUID": "b3a7f9c2-1d4e-4f5a-9b8c-7d6e5f4a3b2c", "CallStatus": "completed", "From": "+14155550100", "To": "14155550101"}
plbody = urllib.parse.urlencode(plpost)
plsig = b64(hm(hashlib.sha256, pltok, plivo_base(plurl, "POST", plpost) + "." + plnonce))
assert plivo_base(plurl, "POST", plpost) == "https://example.com/plivo/answer?app=voice&b=1.CallStatuscompletedCallUUIDb3a7f9c2-1d4e-4f5a-9b8c-7d6e5f4a3b2cFrom+14155550100To14155550101"
plh = {"Content-Type": "application/x-www-form-urlencoded", "X-Plivo-Signature-V3": plsig, "X-Plivo-Signature-V3-Nonce": plnonce}
add("plivo", pltok, plh, plbody, True, C, plsrc, url=plurl)
add("plivo", pltok, dict(plh, **{"X-Plivo-Signature-V3": b64(b"x" * 32) + "," + plsig}), plbody, True, C, plsrc, "several signatures, one valid", url=plurl)
add("plivo", pltok, plh, plbody.replace("completed", "failed"), False, C, plsrc, "a form value changed", url=plurl)
add("plivo", pltok, plh, plbody, False, C, plsrc, "delivered to another URL than signed", url="https://example.com/plivo/answer?app=voice&b=2")
add("plivo", pltok, dict(plh, **{"X-Plivo-Signature-V3-Nonce": "05429567804466091623"}), plbody, False, C, plsrc, "another nonce", url=plurl)
plget = "https://example.com/plivo/status?CallUUID=abc&CallStatus=ringing"
plgsig = b64(hm(hashlib.sha256, pltok, plivo_base(plget, "GET", {}) + "." + plnonce))
add("plivo", pltok, {"X-Plivo-Signature-V3": plgsig, "X-Plivo-Signature-V3-Nonce": plnonce}, "", True, C, plsrc, "a GET callback: the query signed (construct_get_url)", url=plget, method="GET")

# ---- contentful ----
cfsrc = "contentful/node-apps-toolkit src/requests/sign-request.ts, verify-request.ts, utils.ts (getNormalizedEncodedURI, sorted 'name:value' headers joined by ';', hex HMAC-SHA256 of method\\npath\\nheaders\\nbody)"
def js_encode(s, keep):
    return "".join(chr(b) if (chr(b).isascii() and chr(b).isalnum()) or chr(b) in keep else "%%%02X" % b for b in s.encode())
def cf_path(target):
    parts = target.split("?")
    path = parts[0]
    if len(parts) > 1 and parts[1]:
        path += "?" + js_encode(parts[1], "-_.!~*'()")
    return js_encode(path, ";,/?:@&=+$-_.!~*'()#")
def cf_sign(secret, method, target, headers, body, ts):
    h = {k.lower().strip(): v.strip() for k, v in headers.items()}
    h["x-contentful-timestamp"] = str(ts)
    names = sorted(set(h) | {"x-contentful-signed-headers"})
    h["x-contentful-signed-headers"] = ",".join(names)
    content = "\n".join([method, cf_path(target), ";".join(f"{n}:{h[n]}" for n in names), body])
    return hx(hm(hashlib.sha256, secret, content)), h["x-contentful-signed-headers"]
cfsec = "a" * 64  # the toolkit's tests' VALID_SECRET
cft = 1603379941037  # the toolkit's tests' VALID_TIMESTAMP
cfurl = "https://example.com/webhooks/contentful?space=abc&x=a%20b"
cfbody = '{"sys":{"type":"Entry","id":"5KsDBWseXY6QegucYAoacS","space":{"sys":{"type":"Link","linkType":"Space","id":"yadj1kx9rmg0"}}},"fields":{"title":{"en-US":"Hello, World!"}}}'
cfh = {"Content-Type": "application/vnd.contentful.management.v1+json", "X-Contentful-Topic": "ContentManagement.Entry.publish", "X-Contentful-Webhook-Request-Attempt": "1"}
cfsig, cflist = cf_sign(cfsec, "POST", "/webhooks/contentful?space=abc&x=a%20b", cfh, cfbody, cft)
assert cflist == "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic,x-contentful-webhook-request-attempt"
assert cf_path("/webhooks/contentful?space=abc&x=a%20b") == "/webhooks/contentful?space%253Dabc%2526x%253Da%252520b"
cfall = dict(cfh, **{"x-contentful-signed-headers": cflist, "x-contentful-timestamp": str(cft), "x-contentful-signature": cfsig})
add("contentful", cfsec, cfall, cfbody, True, C, cfsrc, "the query double-encoded as the toolkit does", now=cft // 1000, url=cfurl)
add("contentful", cfsec, dict(cfall, **{"X-Contentful-Topic": "ContentManagement.Entry.unpublish"}), cfbody, False, C, cfsrc, "a signed header changed", now=cft // 1000, url=cfurl)
add("contentful", cfsec, cfall, cfbody, False, C, cfsrc, "delivered to another path than signed", now=cft // 1000, url="https://example.com/webhooks/other?space=abc&x=a%20b")
add("contentful", cfsec, cfall, cfbody, False, C, cfsrc, "31 s after the timestamp: past the toolkit's 30 s", now=cft // 1000 + 31, url=cfurl)
add("contentful", "q" + "a" * 63, cfall, cfbody, False, C, cfsrc, "another secret (sign-request.spec.ts: different secrets)", now=cft // 1000, url=cfurl)

# ---- write ----
with open(os.path.join(HERE, "presets-b.jsonl"), "w") as f:
    for v in OUT:
        f.write(json.dumps(v, ensure_ascii=False, sort_keys=False) + "\n")
counts = {}
for v in OUT:
    counts[v["provider"]] = counts.get(v["provider"], 0) + 1
print(json.dumps(counts, sort_keys=True))
