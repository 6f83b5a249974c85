#!/usr/bin/env python3
"""Builds presets-e.jsonl: the vectors of the catalogue growth of issue 24.

Lines quoted from a provider's official SDK tests say so in `kind`
(sdk-test) and `source`, and this script asserts their values with its own
HMAC before writing them; every other value is computed here with python's
hmac/hashlib/base64, independently of hookgate's Go code, from the
provider's documented algorithm (`kind` computed). Run from anywhere:

    python3 testdata/vectors/generate_presets-e.py
"""
import base64, hashlib, hmac, json, os
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
C, SDK = "computed", "sdk-test"
out = []


def add(provider, secret, headers, body, valid, kind, source, notes="", now=None, url=None, **extra):
    v = {"provider": provider, "secret": secret, "headers": headers, "body": body, "url": url, "now": now,
         "expected_valid": valid, "kind": kind, "source": source, "notes": notes}
    v.update(extra)
    out.append(v)


def hm(alg, key, msg):
    key = key.encode() if isinstance(key, str) else key
    msg = msg.encode() if isinstance(msg, str) else msg
    return hmac.new(key, msg, alg).digest()


def hx(b): return b.hex()
def b64(b): return base64.b64encode(b).decode()


def sw_sig(key, msg_id, ts, body):
    """Standard Webhooks v1: base64 HMAC-SHA256(key, id.ts.body)."""
    return "v1," + b64(hm(hashlib.sha256, key, f"{msg_id}.{ts}.{body}"))


def whsec_key(secret):
    return base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)


# ---- openai (openai-python: whsec_ -> base64, anything else used as it is) ----
src = "openai/openai-python@e43b422 src/openai/lib/_webhooks.py; tests/lib/test_webhooks.py (TEST_SECRET, TEST_PAYLOAD, TEST_SIGNATURE)"
sec = "whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c="
wid, ts = "wh_685c059ae39c8190af8c71ed1022a24d", 1750861210
body = '{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", "created_at": 1750861210, "type": "response.completed", "data": {"id": "resp_123"}}'
sig = "v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY="
assert sw_sig(whsec_key(sec), wid, ts, body) == sig
h = {"webhook-id": wid, "webhook-timestamp": str(ts), "webhook-signature": sig}
add("openai", sec, h, body, True, SDK, src, "test_verify_signature_valid", now=ts)
add("openai", "invalid_secret", h, body, False, SDK, src, "test_verify_signature_invalid (a secret without whsec_ is used as it is)", now=ts)
add("openai", sec, h, body, False, SDK, src, "test_verify_signature_timestamp_too_old: 400 s later", now=ts + 400)
add("openai", sec, h, body, False, SDK, src, "test_verify_signature_timestamp_too_new: 400 s earlier", now=ts - 400)
raw = "synthetic-webhook-secret"
src2 = "openai/openai-python@e43b422 tests/lib/test_webhook_signature.py (RAW_SECRET, ids raw/prefixed)"
pbody = '{"synthetic": "caf\u00e9"}'
rsig = sw_sig(raw.encode(), "evt_synthetic", 1750000000, pbody)
rh = {"webhook-id": "evt_synthetic", "webhook-timestamp": "1750000000", "webhook-signature": rsig}
add("openai", raw, rh, pbody, True, C, src2, "a raw secret (no whsec_) is the key as it is", now=1750000000)
add("openai", "whsec_" + b64(raw.encode()), rh, pbody, True, C, src2, "the same key written whsec_<base64>", now=1750000000)

# ---- polar (polar-sdk validate_event: base64-encodes the secret for standardwebhooks: key = secret bytes) ----
src = "polarsource/polar-python@4adc73b src/polar_sdk/_webhooks/__init__.py validate_event (base64.b64encode(secret) -> standardwebhooks.Webhook)"
sec, wid, ts = "polar_whs_ZuRJvBb8sQjPEXpE2tpAiXYMKvxCm6UYmtKo8Z3mB9L", "msg_2vj0yzqB1aBFO8AjKS0F6rW7cdU", 1735689600
body = '{"type":"order.paid","timestamp":"2025-01-01T00:00:00Z","data":{"id":"b0b7e6a1-9a0e-4d7e-8c59-3c1a2f7d9e10"}}'
sig = sw_sig(sec.encode(), wid, ts, body)
h = {"webhook-id": wid, "webhook-timestamp": str(ts), "webhook-signature": sig}
add("polar", sec, h, body, True, C, src, "key = the secret string's bytes", now=ts)
add("polar", sec, {**h, "webhook-signature": sw_sig(base64.b64decode(b64(sec.encode())) + b"x", wid, ts, body)}, body, False, C, src, "signed with another key", now=ts)
add("polar", sec, h, body, False, C, src, "301 s later: outside the 5-minute tolerance", now=ts + 301)

# ---- lithic (standardwebhooks) ----
src = "lithic-com/lithic-python@938657e tests/api_resources/test_webhooks.py test_verify_signature"
sec, wid, ts = "whsec_zlFsbBZ8Xcodlpcu6NDTdSzZRLSdhkst", "msg_2Lh9KRb0pzN4LePd3XiA4v12Axj", 1676312382
body = ('{"card_token":"sit Lorem ipsum, accusantium repellendus possimus","created_at":"elit. placeat libero architecto molestias, sit",'
        '"account_token":"elit.","issuer_decision":"magnam, libero esse Lorem ipsum magnam, magnam,","tokenization_attempt_id":"illum dolor '
        'repellendus libero esse accusantium","wallet_decisioning_info":{"device_score":"placeat architecto"},"digital_wallet_token_metadata":'
        '{"status":"reprehenderit dolor","token_requestor_id":"possimus","payment_account_info":{"account_holder_data":{"phone_number":"libero",'
        '"email_address":"nobis molestias, veniam culpa! quas elit. quas libero esse architecto placeat"},"pan_unique_reference":"adipisicing odit magnam, odit"}}}')
sig = "v1,Dwa0AHInLL3XFo2sxcHamOQDrJNi7F654S3L6skMAOI="
assert sw_sig(whsec_key(sec), wid, ts, body) == sig
h = {"webhook-id": wid, "webhook-timestamp": str(ts), "webhook-signature": sig}
add("lithic", sec, h, body, True, SDK, src, "valid", now=ts)
add("lithic", sec, h, body, False, SDK, src, "timestamp too old: 6 minutes later", now=ts + 360)
add("lithic", sec, h, body, False, SDK, src, "timestamp too new: 6 minutes earlier", now=ts - 360)
add("lithic", "whsec_" + b64(b"wrong"), h, body, False, SDK, src, "wrong secret", now=ts)

# ---- replicate (the Svix vector, quoted by replicate-javascript's tests) ----
src = "replicate/replicate-javascript@2fd6f39 index.test.ts 'validateWebhook' (Svix test case); lib/util.js"
sec, wid, ts, body = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'
sig = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
assert sw_sig(whsec_key(sec), wid, ts, body) == sig
h = {"Content-Type": "application/json", "Webhook-ID": wid, "Webhook-Timestamp": str(ts), "Webhook-Signature": sig}
add("replicate", sec, h, body, True, SDK, src, now=ts)
add("replicate", sec, h, body + " ", False, C, src, "body changed by one byte", now=ts)
add("replicate", sec, h, body, False, C, "replicate.com/docs/topics/webhooks/verify-webhook (timestamp against replay)", "301 s later: outside the 5-minute tolerance", now=ts + 301)

# ---- brex (Webhook-* headers; the secret from GET /v1/webhooks/secrets is base64, no prefix) ----
src = "developer.brex.com/docs/webhooks (Webhook-Id/-Timestamp/-Signature, id.timestamp.body, base64-decoded secret); developer.brex.com/openapi/webhooks_api (GET /v1/webhooks/secrets: two signatures during rotation)"
old, new = b64(b"brex-secret-old-0123456789abcdef"), b64(b"brex-secret-new-0123456789abcdef")
wid, ts = "wh_01HZX0Q6N9QY6W6V4B3T2R1P0M", 1700000000
body = '{"event_type":"TRANSFER_PROCESSED","transfer_id":"dptx_1","company_id":"cuacc_1"}'
two = sw_sig(base64.b64decode(new), wid, ts, body) + " " + sw_sig(base64.b64decode(old), wid, ts, body)
h = {"Webhook-Id": wid, "Webhook-Timestamp": str(ts), "Webhook-Signature": two}
add("brex", old, h, body, True, C, src, "two signatures during a rotation; the old (PENDING_REVOKE) secret still verifies", now=ts)
add("brex", new, h, body, True, C, src, "the new (ACTIVE) secret verifies too", now=ts)
add("brex", b64(b"another-secret-0123456789abcdef0"), h, body, False, C, src, "another secret", now=ts)

# ---- incident.io (Svix, webhook-* headers) ----
src = "docs.incident.io/api-reference/webhooks 'Verifying webhooks' (webhook-id/-timestamp/-signature, HMAC of $WEBHOOK_ID.$WEBHOOK_TIMESTAMP.$REQUEST_BODY, powered by Svix)"
sec, wid, ts = "whsec_" + b64(b"incident-io-signing-secret-0001"), "msg_2Xn8Q0dS5cXbYk3gW5JtXbV4tZ1", 1676033031
body = '{"event_type":"public_incident.incident_created_v2","public_incident.incident_created_v2":{"id":"01FCNDV6P870EA6S7TK1DSYDG0","name":"Our database is sad"}}'
h = {"webhook-id": wid, "webhook-timestamp": str(ts), "webhook-signature": sw_sig(whsec_key(sec), wid, ts, body)}
add("incident_io", sec, h, body, True, C, src, now=ts)
add("incident_io", sec, {**h, "webhook-id": "msg_other"}, body, False, C, src, "the signed webhook-id changed", now=ts)

# ---- stytch (Svix, svix-* headers) ----
src = "stytch.com/docs/b2b/guides/webhooks ('powered through Svix'; svix-id/-timestamp/-signature per docs.svix.com/receiving/verifying-payloads/how-manual)"
sec, wid, ts = "whsec_" + b64(b"stytch-svix-endpoint-secret-001"), "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", 1700000000
body = '{"project_id":"project-live-123","event_id":"event-live-123","action":"CREATE","object_type":"organization","source":"DASHBOARD","id":"organization-live-123","timestamp":"2023-11-14T22:13:20Z"}'
h = {"svix-id": wid, "svix-timestamp": str(ts), "svix-signature": sw_sig(whsec_key(sec), wid, ts, body)}
add("stytch", sec, h, body, True, C, src, now=ts)
add("stytch", sec, h, body, False, C, src, "301 s later: outside the 5-minute tolerance", now=ts + 301)

# ---- airwallex ----
src = "airwallex.com/docs/developer-tools/webhooks/listen-for-webhook-events (x-timestamp unix ms; x-signature = hex HMAC-SHA256(secret, x-timestamp + body)); code examples page (Java valueToDigest)"
sec, ts = "whsec_airwallex_notification_secret", 1357872222592
body = '{"id":"evt_hkdmn8nqrwqkz5kh9v3m","name":"payment_intent.succeeded","account_id":"acct_1","data":{"object":{"id":"int_1"}},"created_at":"2013-01-11T02:43:42+0000"}'
sig = hx(hm(hashlib.sha256, sec, f"{ts}{body}"))
h = {"x-timestamp": str(ts), "x-signature": sig}
add("airwallex", sec, h, body, True, C, src, "the docs' example timestamp", now=ts // 1000)
add("airwallex", sec, {**h, "x-signature": hx(hm(hashlib.sha256, sec, f"{ts}.{body}"))}, body, False, C, src, "signed with a '.' separator: Airwallex uses none", now=ts // 1000)
add("airwallex", sec, h, body, False, C, src, "301 s later: outside the tolerance", now=ts // 1000 + 301)

# ---- orb (orb-python) ----
src = "orbcorp/orb-python@604050c src/orb/resources/webhooks.py; tests/api_resources/test_webhooks.py test_verify_signature"
sec, ts = "c-UGKYdnhHh436B_sMouYAPUvXyWpzOdunZBV5dFSD8", "2024-03-27T15:42:29.551"
body = '{"id": "o4mmewpfNNTnjfZc", "created_at": "2024-03-27T15:42:29+00:00", "type": "resource_event.test", "properties": {"message": "A test webhook from Orb. Happy testing!"}}'
sig = "9d25de966891ab0bc18754faf8d83d0980b44ae330fcc130b41a6cf3daf1f391"
assert hx(hm(hashlib.sha256, sec, f"v1:{ts}:{body}")) == sig
now = int(datetime.fromisoformat(ts).replace(tzinfo=timezone.utc).timestamp())
h = {"X-Orb-Timestamp": ts, "X-Orb-Signature": "v1=" + sig}
add("orb", sec, h, body, True, SDK, src, "valid (timestamp without a zone: UTC)", now=now)
add("orb", sec, h, body, False, SDK, src, "timestamp too old: 6 minutes later", now=now + 360)
add("orb", sec, h, body, False, SDK, src, "timestamp too new: 6 minutes earlier", now=now - 360)
add("orb", "foo", h, body, False, SDK, src, "secret foo: no signature matches", now=now)
add("orb", sec, {**h, "X-Orb-Signature": "v1=my_invalid_signature v1=" + sig}, body, True, SDK, src, "multiple signatures, one valid", now=now)
add("orb", sec, {**h, "X-Orb-Signature": "v2=" + sig}, body, False, SDK, src, "different signature version", now=now)

# ---- fastspring ----
src = "developer.fastspring.com/reference/message-security (X-FS-Signature = base64 HMAC-SHA256(HMAC SHA256 Secret, payload))"
sec = "fastspring-hmac-secret"
body = '{"events":[{"id":"6ezrPTTuQTqYDoC1GzX2sw","live":false,"processed":false,"type":"order.completed","created":1700000000000,"data":{"order":"nlc1"}}]}'
sig = b64(hm(hashlib.sha256, sec, body))
add("fastspring", sec, {"X-FS-Signature": sig}, body, True, C, src)
add("fastspring", sec, {"x-fs-signature": sig}, body, True, C, src, "header name in lower case (FastSpring varies its case)")
add("fastspring", sec, {"X-FS-Signature": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "hex instead of base64")

# ---- tiktok ----
src = "developers.tiktok.com/doc/webhooks-verification (TikTok-Signature: t=..,s=..; HMAC-SHA256 with client_secret over 't.body')"
sec, ts = "tiktok-client-secret", 1633174587
body = '{"client_key":"bwo2m45353a6k85","event":"authorization.removed","create_time":1615338610,"user_openid":"act.example12345Example12345Example","content":"{\\"reason\\": 1}"}'
sig = hx(hm(hashlib.sha256, sec, f"{ts}.{body}"))
add("tiktok", sec, {"TikTok-Signature": f"t={ts},s={sig}"}, body, True, C, src, "the docs' example timestamp", now=ts)
add("tiktok", sec, {"TikTok-Signature": f"t={ts + 1},s={sig}"}, body, False, C, src, "timestamp changed: it is signed", now=ts)
add("tiktok", sec, {"TikTok-Signature": f"t={ts},s={sig}"}, body, False, C, src, "301 s later", now=ts + 301)

# ---- pusher ----
src = "pusher/pusher-http-python@10372d0 pusher/authentication_client.py validate_webhook (hex HMAC-SHA256(secret, body); |now - time_ms| <= 300000)"
sec = "7ad3773142a6692b25b8"
body = '{"time_ms":1700000000000,"events":[{"name":"channel_occupied","channel":"test_channel"}]}'
sig = hx(hm(hashlib.sha256, sec, body))
h = {"X-Pusher-Key": "278d425bdf160c739803", "X-Pusher-Signature": sig}
add("pusher", sec, h, body, True, C, src, now=1700000000)
add("pusher", sec, h, body, False, C, src, "301 s later", now=1700000301)
nb = '{"events":[{"name":"channel_occupied","channel":"test_channel"}]}'
add("pusher", sec, {**h, "X-Pusher-Signature": hx(hm(hashlib.sha256, sec, nb))}, nb, False, C, src, "no time_ms: refused, as the SDK does", now=1700000000)

# ---- microsoft_teams ----
src = "learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-outgoing-webhook (Authorization: HMAC <base64 HMAC-SHA256>, key = the security token base64-decoded)"
token = b64(b"teams-outgoing-webhook-token-32b")
body = '{"type":"message","id":"1485983408511","timestamp":"2017-02-01T21:10:07.437Z","text":"<at>Bot</at> hello","from":{"id":"29:1","name":"Tim"}}'
sig = b64(hm(hashlib.sha256, base64.b64decode(token), body))
add("microsoft_teams", token, {"Authorization": "HMAC " + sig}, body, True, C, src)
add("microsoft_teams", token, {"Authorization": "HMAC " + b64(hm(hashlib.sha256, token, body))}, body, False, C, src,
    "keyed with the token's characters instead of its decoded bytes")

# ---- mongodb_atlas ----
src = "mongodb.com/docs/atlas/tutorial/webhook-integration (X-MMS-Signature = base64 HMAC-SHA1 of the body with the Webhook Secret)"
sec = "atlas-webhook-secret"
body = '{"id":"5b4e6c2f7f8a3b0001a1b2c3","groupId":"5b4e6c2f7f8a3b0001a1b2c4","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","status":"OPEN","created":"2026-01-01T00:00:00Z"}'
add("mongodb_atlas", sec, {"X-MMS-Event": "alert.open", "X-MMS-Signature": b64(hm(hashlib.sha1, sec, body))}, body, True, C, src)
add("mongodb_atlas", sec, {"X-MMS-Event": "alert.open", "X-MMS-Signature": b64(hm(hashlib.sha256, sec, body))}, body, False, C, src, "SHA-256 instead of SHA-1")

# ---- sonatype ----
src = "help.sonatype.com/en/enabling-a-repository-webhook-capability.html (sha1 HMAC of the JSON body, X-Nexus-Webhook-Signature); example-headers-and-payloads.html"
sec = "foo"
body = '{"timestamp":"2016-11-10T23:57:49.664+0000","nodeId":"52905B51-085CCABB-CEBBEAAD-16795588-FC927D93","initiator":"admin/127.0.0.1","repositoryName":"npm-proxy","action":"CREATED","asset":{"id":"31c950c8eeeab78336308177ae9c441c","assetId":"bnBtLXByb3h5OjMxYzk1MGM4ZWVlYWI3ODMzNjMwODE3N2FlOWM0NDFj","format":"npm","name":"concrete"}}'
h = {"X-Nexus-Webhook-Id": "rm:repository:asset", "X-Nexus-Webhook-Delivery": "7f4a6dde-5c68-4999-bcc0-a62f3fb8ae48",
     "X-Nexus-Webhook-Signature": hx(hm(hashlib.sha1, sec, body))}
add("sonatype", sec, h, body, True, C, src, "the docs' example payload, compact, with the docs' example key 'foo'")
add("sonatype", "bar", h, body, False, C, src, "another secret key")

# ---- commercelayer ----
src = "docs.commercelayer.io/developers/callbacks-security (X-CommerceLayer-Signature = base64 HMAC-SHA256(shared_secret, raw body))"
sec = "commercelayer-shared-secret"
body = '{"data":{"id":"wBXVhKzrzL","type":"orders","attributes":{"number":"1234","status":"placed"}}}'
sig = b64(hm(hashlib.sha256, sec, body))
add("commercelayer", sec, {"X-CommerceLayer-Topic": "orders.place", "X-CommerceLayer-Signature": sig}, body, True, C, src)
add("commercelayer", sec, {"X-CommerceLayer-Topic": "orders.place", "X-CommerceLayer-Signature": sig}, body.replace("placed", "approved"), False, C, src, "body changed")

# ---- tally ----
src = "tally.so/help/webhooks 'Add a signing secret' (Tally-Signature = base64 HMAC-SHA256 of the payload with the signing secret)"
sec = "tally-signing-secret"
body = '{"eventId":"a4cb511e-d513-4fa5-baee-b815d718dfd1","eventType":"FORM_RESPONSE","createdAt":"2023-06-28T15:00:21.889Z","data":{"responseId":"2wgx4n","formId":"VwbNEw","fields":[]}}'
sig = b64(hm(hashlib.sha256, sec, body))
add("tally", sec, {"Tally-Signature": sig}, body, True, C, src)
add("tally", "another-secret", {"Tally-Signature": sig}, body, False, C, src, "another secret")

# ---- elevenlabs ----
src = "elevenlabs/elevenlabs-python@54e5899 src/elevenlabs/webhooks_custom.py construct_event (t=..,v0=hex HMAC-SHA256(secret, 't.body'), 30 minutes); tests/test_webhooks.py"
sec, ts = "test_secret", 1739537297
body = json.dumps({"event_type": "speech.completed", "id": "123456"})
sig = "v0=" + hx(hm(hashlib.sha256, sec, f"{ts}.{body}"))
add("elevenlabs", sec, {"ElevenLabs-Signature": f"t={ts},{sig}"}, body, True, C, src, "the SDK test's secret and payload (json.dumps)", now=ts)
add("elevenlabs", sec, {"ElevenLabs-Signature": f"t={ts},{sig}"}, body, True, C, src, "29 minutes later: inside the 30-minute tolerance", now=ts + 29 * 60)
add("elevenlabs", sec, {"ElevenLabs-Signature": f"t={ts},{sig}"}, body, False, C, src, "31 minutes later: outside it", now=ts + 31 * 60)
add("elevenlabs", sec, {"ElevenLabs-Signature": "invalid_format"}, body, False, C, src, "test_construct_event_invalid_signature_format", now=ts)

# ---- firecrawl ----
src = "docs.firecrawl.dev/webhooks/security (X-Firecrawl-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>)"
sec = "firecrawl-webhook-secret"
body = '{"success":true,"type":"crawl.page","id":"crawl-job-id","data":[{"markdown":"# Page","metadata":{"sourceURL":"https://example.com"}}]}'
sig = hx(hm(hashlib.sha256, sec, body))
add("firecrawl", sec, {"X-Firecrawl-Signature": "sha256=" + sig}, body, True, C, src)
add("firecrawl", sec, {"X-Firecrawl-Signature": "sha1=" + hx(hm(hashlib.sha1, sec, body))}, body, False, C, src, "another algorithm: only sha256= is accepted")

# ---- nylas ----
src = "developer.nylas.com/docs/cookbook/use-cases/build/verify-webhook-signatures (x-nylas-signature = hex HMAC-SHA256(webhook_secret, raw body)); /docs/v3/notifications (GET ?challenge= echoed)"
sec = "nylas-webhook-secret"
body = '{"specversion":"1.0","type":"message.created","source":"/google/emails/realtime","id":"<WEBHOOK_ID>","time":1723821985,"data":{"application_id":"<NYLAS_APPLICATION_ID>","object":{"id":"<MESSAGE_ID>","grant_id":"<NYLAS_GRANT_ID>"}}}'
sig = hx(hm(hashlib.sha256, sec, body))
add("nylas", sec, {"x-nylas-signature": sig}, body, True, C, src)
add("nylas", sec, {"X-Nylas-Signature": sig.upper()}, body, True, C, src, "upper-case hex (the SDKs' header spelling)")
add("nylas", sec, {}, "", True, C, src, "unsigned challenge GET: answered by the gate with the challenge", method="GET",
    url="https://hooks.example.com/nylas?challenge=bc609b38-c81f-47fb-a275-0d2fc6ff43cd",
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": "bc609b38-c81f-47fb-a275-0d2fc6ff43cd"})
add("nylas", sec, {}, "", False, C, src, "a GET with another parameter besides the challenge is refused", method="GET",
    url="https://hooks.example.com/nylas?challenge=abc&x=1")

# ---- mailchimp (Transactional: the mandrill scheme) ----
src = ("mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks (X-Mandrill-Signature: base64 HMAC-SHA1 "
       "of the webhook URL + POST fields sorted by name, name+value, with the webhook key)")
key, url = "mailchimp-transactional-webhook-key", "https://hooks.example.com/mailchimp"
events = '[{"event":"click","msg":{"ts":1365109999,"subject":"Plant sale","email":"example.webhook@mandrillapp.com","_id":"exampleaaaaaaaaaaaaaaaaaaaaaaaaa"},"url":"https://example.com/sale","_id":"exampleaaaaaaaaaaaaaaaaaaaaaaaaa","ts":1384954004}]'
form = urlencode({"mandrill_events": events})


def mandrill_sig(k, u, f):
    return b64(hm(hashlib.sha1, k, u + "".join(n + v for n, v in sorted(parse_qsl(f, keep_blank_values=True)))))


ct = "application/x-www-form-urlencoded"
add("mailchimp", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig(key, url, form)}, form, True, C, src, url=url)
add("mailchimp", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig(key, url + "?x=1", form)}, form, False, C, src, "signed for another URL", url=url)

# ---- alchemy ----
src = "alchemyplatform/webhook-examples@28a2888 node-express/src/webhooksUtil.ts (X-Alchemy-Signature = hex HMAC-SHA256(signing key, body utf8))"
sec = "whsec_test"
body = '{"webhookId":"wh_octjglnywaupz6th","id":"whevt_ogrc5v64myey69ux","createdAt":"2022-02-28T17:48:53.306Z","type":"ADDRESS_ACTIVITY","event":{"network":"MATIC_MUMBAI","activity":[]}}'
sig = hx(hm(hashlib.sha256, sec, body))
add("alchemy", sec, {"X-Alchemy-Signature": sig}, body, True, C, src, "the examples' default SIGNING_KEY, used as it is")
add("alchemy", sec, {"X-Alchemy-Signature": hx(hm(hashlib.sha256, base64.b64decode("dGVzdA=="), body))}, body, False, C, src, "keyed with the base64-decoded key: Alchemy uses the key as it is")

# ---- autodesk ----
src = "aps.autodesk.com/en/docs/webhooks/v1/overview/basics (Secret Token); autodesk-platform-services/aps-webhooks-signature (x-adsk-signature: sha1hash=<hex HMAC-SHA1(secret, raw body)>)"
sec = "awffbvdb3trf4fvdfbUyt39suHnbe5Mnrks3"
body = '{"version":"1.0","resourceUrn":"urn:adsk.wipprod:fs.file:vf.1","hook":{"hookId":"0f60f6a0-1f8d-11e9-8e2c-6b3d5b2e1d1a","event":"dm.version.added","system":"data"},"payload":{"name":"model.rvt"}}'
sig = hx(hm(hashlib.sha1, sec, body))
add("autodesk", sec, {"x-adsk-signature": "sha1hash=" + sig}, body, True, C, src, "the docs' example token as the secret")
add("autodesk", sec, {"x-adsk-signature": sig}, body, False, C, src, "without the sha1hash= prefix")

# ---- bolt ----
src = "help.bolt.com/developers/webhooks/hook-verification (X-Bolt-Hmac-Sha256 = base64 HMAC-SHA256(signing secret, payload))"
sec = "bolt-signing-secret"
body = '{"type":"payment","object":"transaction","data":{"id":"TAe8Kx5z1Fq3v","reference":"LBLJ-TWWR-R5XG","status":"completed"}}'
sig = b64(hm(hashlib.sha256, sec, body))
add("bolt", sec, {"X-Bolt-Hmac-Sha256": sig}, body, True, C, src)
add("bolt", sec, {"X-Bolt-Hmac-Sha256": sig}, body.replace("completed", "cancelled"), False, C, src, "body changed")

# ---- linkedin ----
src = "learn.microsoft.com/linkedin/shared/api-guide/webhook-validation (challengeResponse = hex HMACSHA256(challengeCode, clientSecret); X-LI-Signature = hex HMACSHA256('hmacsha256=' + body, clientSecret))"
sec = "linkedin-client-secret"
body = '{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[{"action":"COMMENT","organizationalEntity":"urn:li:organization:1","notificationId":123}]}'
add("linkedin", sec, {"X-LI-Signature": hx(hm(hashlib.sha256, sec, "hmacsha256=" + body))}, body, True, C, src)
add("linkedin", sec, {"X-LI-Signature": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "the body alone signed: 'hmacsha256=' is part of the signed string")
code = "890e4665-4dfe-4ab1-b689-ed553bceeed0"
resp = hx(hm(hashlib.sha256, sec, code))
add("linkedin", sec, {}, "", True, C, src, "the docs' example challengeCode: answered by the gate", method="GET",
    url="https://webhooks.example.com/linkedin?challengeCode=" + code,
    answer={"status": 200, "content_type": "application/json", "body": json.dumps({"challengeCode": code, "challengeResponse": resp}, separators=(",", ":"))})
add("linkedin", sec, {}, "", True, C, src, "with an applicationId (parent-child applications)", method="GET",
    url="https://webhooks.example.com/linkedin?challengeCode=" + code + "&applicationId=123456",
    answer={"status": 200, "content_type": "application/json", "body": json.dumps({"challengeCode": code, "challengeResponse": resp}, separators=(",", ":"))})
add("linkedin", sec, {}, "", False, C, src, "a challenge holding '=' is not answered (it could be a signed string)", method="GET",
    url="https://webhooks.example.com/linkedin?challengeCode=hmacsha256%3D%7B%7D")

# ---- tebex ----
src = "docs.tebex.io/developers/webhooks/overview (X-Signature: SHA256 of the JSON body, then HMAC-SHA256 with the webhook secret, hex; validation.webhook answered with its id; IPs 18.209.80.3, 54.87.231.232)"
sec = "tebex-webhook-secret"


def tebex_sig(k, b):
    return hx(hm(hashlib.sha256, k, hashlib.sha256(b.encode()).hexdigest()))


val = '{"id":"2c116b11-1110-91e0-b266-b792c8da5f11","type":"validation.webhook","date":"2021-08-24T12:21:47+00:00","subject":{}}'
add("tebex", sec, {"X-Signature": tebex_sig(sec, val)}, val, True, C, src, "the docs' validation webhook: answered with its id",
    answer={"status": 200, "content_type": "application/json", "body": '{"id":"2c116b11-1110-91e0-b266-b792c8da5f11"}'})
pay = '{"id":"3e6b8f2a-1d2c-4b5e-9f0a-7c8d9e0f1a2b","type":"payment.completed","date":"2021-08-24T12:25:00+00:00","subject":{"transaction_id":"tbx-26929122a56954-0bd2fe"}}'
add("tebex", sec, {"X-Signature": tebex_sig(sec, pay)}, pay, True, C, src)
add("tebex", sec, {"X-Signature": hx(hm(hashlib.sha256, sec, pay))}, pay, False, C, src, "HMAC of the body itself: Tebex signs its SHA-256 hex")

# ---- worldline (connect-sdk-python3 test resources, copied verbatim) ----
src = "Worldline-Global-Collect/connect-sdk-python3@e5dfdc8 tests/unit/test_web_hooks_helper.py (secret hello+world, X-GCS-Signature 2S7doBj/...), tests/resources/webhooks/valid-body, invalid-body; worldline/connect/sdk/webhooks/signature_validator.py"
wl_valid = '{\n  "apiVersion": "v1",\n  "id": "8ee793f6-4553-4749-85dc-f2ef095c5ab0",\n  "created": "2017-02-02T11:24:14.040+0100",\n  "merchantId": "20000",\n  "type": "payment.paid",\n  "payment": {\n    "id": "00000200000143570012",\n    "paymentOutput": {\n      "amountOfMoney": {\n        "amount": 1000,\n        "currencyCode": "EUR"\n      },\n      "references": {\n        "paymentReference": "200001681810"\n      },\n      "paymentMethod": "bankTransfer",\n      "bankTransferPaymentMethodSpecificOutput": {\n        "paymentProductId": 11\n      }\n    },\n    "status": "PAID",\n    "statusOutput": {\n      "isCancellable": false,\n      "statusCategory": "COMPLETED",\n      "statusCode": 1000,\n      "statusCodeChangeDateTime": "20170202112414",\n      "isAuthorized": true\n    }\n  }\n}'
wl_invalid = '{\n  "apiVersion": "v1",\n  "id": "8ee793f6-4553-4749-85dc-f2ef095c5ab0",\n  "created": "2017-02-02T11:25:14.040+0100",\n  "merchantId": "20000",\n  "type": "payment.paid",\n  "payment": {\n    "id": "00000200000143570012",\n    "paymentOutput": {\n      "amountOfMoney": {\n        "amount": 1000,\n        "currencyCode": "EUR"\n      },\n      "references": {\n        "paymentReference": "200001681810"\n      },\n      "paymentMethod": "bankTransfer",\n      "bankTransferPaymentMethodSpecificOutput": {\n        "paymentProductId": 11\n      }\n    },\n    "status": "PAID",\n    "statusOutput": {\n      "isCancellable": false,\n      "statusCategory": "COMPLETED",\n      "statusCode": 1000,\n      "statusCodeChangeDateTime": "20170202112514",\n      "isAuthorized": true\n    }\n  }\n}'
sig = "2S7doBj/GnJnacIjSJzr5fxGM5xmfQyFAwxv1I53ZEk="
assert b64(hm(hashlib.sha256, "hello+world", wl_valid)) == sig
h = {"X-GCS-Signature": sig, "X-GCS-KeyId": "dummy-key-id"}
add("worldline", "hello+world", h, wl_valid, True, SDK, src, "valid-body")
add("worldline", "hello+world", h, wl_invalid, False, SDK, src, "invalid-body with valid-body's signature")
add("worldline", "hello+world", {"X-GCS-Webhooks-Endpoint-Verification": "5b2f0ea4-7a36-4d4b-92a4-5c6a9b1f1d2e"}, "", True, C,
    "docs.connect.worldline-solutions.com/documentation/webhooks ('respond to the GET action and echo the X-GCS-Webhooks-Endpoint-Verification header value in the body')",
    "endpoint verification GET: answered by the gate", method="GET", url="https://hooks.example.com/worldline",
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": "5b2f0ea4-7a36-4d4b-92a4-5c6a9b1f1d2e"})

# ---- courier ----
src = "courier.com/docs/platform/workspaces/outbound-webhooks 'Verifying Signatures' (courier-signature: t=..,signature=..; signed_payload = timestamp + JSON payload; HMAC-SHA256 hex)"
sec, ts = "courier-signing-secret", 1631816343012
body = '{"type":"message:updated","data":{"id":"1-6143cf63-7d8bbb4e42d5b7f3f8c7a3a2","status":"DELIVERED"}}'
sig = hx(hm(hashlib.sha256, sec, f"{ts}{body}"))
add("courier", sec, {"courier-signature": f"t={ts},signature={sig}"}, body, True, C, src, "the docs' example timestamp (ms)", now=ts // 1000)
add("courier", sec, {"courier-signature": f"t={ts},signature={hx(hm(hashlib.sha256, sec, f'{ts}.{body}'))}"}, body, False, C, src, "signed with a '.' separator", now=ts // 1000)
add("courier", sec, {"courier-signature": f"t={ts},signature={sig}"}, body, False, C, src, "301 s later", now=ts // 1000 + 301)

# ---- rutter ----
src = "docs.rutterapi.com/docs/webhook-security (X-Rutter-Signature: sha256= + base64 HMAC-SHA256 of the payload, key = client secret)"
sec = "rutter-client-secret"
body = '{"type":"CONNECTION","code":"INITIAL_UPDATE","connection_id":"00000000-0000-0000-0000-000000000000"}'
sig = b64(hm(hashlib.sha256, sec, body))
add("rutter", sec, {"X-Rutter-Signature": "sha256=" + sig}, body, True, C, src)
add("rutter", sec, {"X-Rutter-Signature": "sha256=" + hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "hex instead of base64")

# ---- sardine (payments: Standard Webhooks) ----
src = "docs.payments.sardine.ai/guides/integration/nftCheckout/webhooks (signedContent = webhook-id.webhook-timestamp.body; key = base64 after whsec_; webhook-signature v1,<sig>)"
sec, wid, ts = "whsec_ABCDmcQ8DpB7J6Yn4eZqkt48KRPy3a8n", "msg_2Lh9KRb0pzN4LePd3XiA4v12Axj", 1700000000
body = '{"id":"order_1","type":"order.processed","data":{"status":"processed"}}'
h = {"webhook-id": wid, "webhook-timestamp": str(ts), "webhook-signature": sw_sig(whsec_key(sec), wid, ts, body)}
add("sardine", sec, h, body, True, C, src, "the docs' example signing secret", now=ts)
add("sardine", sec, h, body, False, C, src, "301 s later", now=ts + 301)

# ---- pipedrive (Basic auth only) ----
src = "developers.pipedrive.com/docs/api/v1/Webhooks (http_auth_user, http_auth_password: HTTP basic auth of the subscription URL)"
body = '{"meta":{"action":"create","entity":"deal","id":"1"},"data":{"id":1,"title":"Deal"}}'
add("pipedrive", "hook-user:hook-password", {"Authorization": "Basic " + b64(b"hook-user:hook-password")}, body, True, C, src)
add("pipedrive", "hook-user:hook-password", {"Authorization": "Basic " + b64(b"hook-user:wrong")}, body, False, C, src, "wrong password")

# ---- frontapp (rule webhooks) ----
src = "dev.frontapp.com/docs/rule-webhooks 'Validating Data Integrity' (X-Front-Signature = base64 HMAC-SHA1 of the body, key = API secret)"
sec = "YOUR_API_SECRET"
body = '{"_links":{"self":"https://api2.frontapp.com/events/evt_55c8c149"},"id":"evt_55c8c149","type":"assign","emitted_at":1453770984.123}'
add("frontapp", sec, {"X-Front-Signature": b64(hm(hashlib.sha1, sec, body))}, body, True, C, src, "the docs' placeholder secret")
add("frontapp", sec, {"X-Front-Signature": b64(hm(hashlib.sha256, sec, body))}, body, False, C, src, "SHA-256 (application webhooks) instead of SHA-1")

# ---- nango ----
src = "NangoHQ/nango@2f4c0af packages/node-client/lib/index.ts verifyIncomingWebhookRequest (X-Nango-Hmac-Sha256 = hex HMAC-SHA256(webhookSigningKey, body))"
sec = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
body = '{"type":"sync","connectionId":"test-connection","providerConfigKey":"github","syncName":"issues","model":"Issue","responseResults":{"Issue":{"added":1,"updated":0,"deleted":0}},"syncType":"INCREMENTAL","modifiedAfter":"2026-01-01T00:00:00.000Z"}'
add("nango", sec, {"X-Nango-Hmac-Sha256": hx(hm(hashlib.sha256, sec, body))}, body, True, C, src)
add("nango", sec, {"X-Nango-Signature": hashlib.sha256((sec + body).encode()).hexdigest()}, body, False, C, src, "only the deprecated X-Nango-Signature: not accepted")

# ---- gitee ----
src = "help.gitee.com/webhook/how-to-verify-webhook-keys (X-Gitee-Token = base64 HmacSHA256(secret, timestamp + '\\n' + secret), timestamp in ms, within 1 hour)"
sec, ts = "this is secret", 1700000000123


def gitee_sig(k, t):
    return b64(hm(hashlib.sha256, k, f"{t}\n{k}"))


body = '{"hook_name":"push_hooks","password":"","ref":"refs/heads/master","repository":{"full_name":"oschina/gitee"}}'
h = {"X-Gitee-Token": gitee_sig(sec, ts), "X-Gitee-Timestamp": str(ts), "X-Gitee-Event": "Push Hook"}
add("gitee", sec, h, body, True, C, src, "the docs' example secret", now=ts // 1000)
add("gitee", sec, h, body, False, C, src, "61 minutes later: beyond Gitee's hour", now=ts // 1000 + 3660)
add("gitee", sec, {**h, "X-Gitee-Timestamp": str(ts + 1)}, body, False, C, src, "another timestamp than the signed one", now=ts // 1000)
add("gitee", "webhook-password", {"X-Gitee-Token": "webhook-password"}, body, True, C, "help.gitee.com WebHook password (X-Gitee-Token carries the password)", "mode password", options={"mode": "password"})

# ---- vapi (secret token) ----
src = "docs.vapi.ai/server-url/server-authentication 'Secret Token Authentication' (the server secret in the X-Vapi-Signature header)"
body = '{"message":{"type":"status-update","status":"ended","call":{"id":"call_1"}}}'
add("vapi", "your-secret-token", {"X-Vapi-Signature": "your-secret-token"}, body, True, C, src, "the docs' example secret")
add("vapi", "your-secret-token", {"X-Vapi-Signature": "another-token"}, body, False, C, src, "another token")
add("vapi", "your-secret-token", {"X-Vapi-Secret": "your-secret-token"}, body, True, C, src, "option header: the token in another header", options={"header": "X-Vapi-Secret"})

# ---- hostedhooks ----
src = "docs.hostedhooks.com/security/security-features/webhook-signatures (HTTP_HOSTEDHOOKS_SIGNATURE: t=..,s=..; HMAC-SHA256 of 't.body' with the endpoint's signing secret)"
sec, ts = "hostedhooks-endpoint-secret", 1623436092
body = '{"data":{"id":"a7e1d3b0"},"event_type":"user.created","event_id":"evt_1"}'
sig = hx(hm(hashlib.sha256, sec, f"{ts}.{body}"))
add("hostedhooks", sec, {"HostedHooks-Signature": f"t={ts},s={sig}"}, body, True, C, src, "the docs' example timestamp", now=ts)
add("hostedhooks", sec, {"HostedHooks-Signature": f"t={ts},s={sig}"}, body, False, C, src, "301 s later", now=ts + 301)

# ---- checkbook (the docs' own example) ----
src = "docs.checkbook.io/docs/webhooks 'Signature' (signature: nonce=..,signature=..; HMAC-SHA256(webhooks key, body + nonce); example body, nonce and key)"
key, nonce = "335b5728e25b47e88995fce207bff380", "1243549809"
body = '{"status": "PAID", "id": "ed0af5fb335c47dd8eb53199ba50f5c4", "type": "CHECK"}'
sig = "4ee9758fc0bceb3ca1a2fe397fbd125364cfffdb04296fa118dab9778a4b3ce3"
assert hx(hm(hashlib.sha256, key, body + nonce)) == sig
add("checkbook", key, {"signature": f"nonce={nonce},signature={sig}"}, body, True, "published-doc", src, "the docs' example")
add("checkbook", key, {"signature": f"nonce=1243549808,signature={sig}"}, body, False, C, src, "the nonce changed: it is signed")
add("checkbook", "another-webhooks-key", {"signature": f"nonce={nonce},signature={sig}"}, body, False, C, src, "another webhooks key (Sandbox vs Production)")

# ---- hygraph (@hygraph/utils: HMAC of JSON.stringify({Body, EnvironmentName, TimeStamp})) ----
src = "hygraph/hygraph-utils@d130b4a index.js (generateWebhookSignature/verifyWebhookSignature), index.test.js (secret, smallRawPayload)"
sec, ts = "rCNwyiloY3oJYYkxgpBXaleIiUv5MYlx", 1631270481036


def hygraph_sig(k, raw, env, t):
    # json.dumps with ensure_ascii=False escapes exactly as JavaScript's JSON.stringify
    payload = json.dumps({"Body": raw, "EnvironmentName": env, "TimeStamp": t}, separators=(",", ":"), ensure_ascii=False)
    return b64(hm(hashlib.sha256, k, payload.encode()))


small = '{"hello":"world"}'
add("hygraph", sec, {"gcms-signature": f"sign={hygraph_sig(sec, small, 'master', ts)}, env=master, t={ts}"}, small, True, C, src,
    "the SDK test's secret and smallRawPayload", now=ts // 1000)
odd = '{"text":"café <b>&\u2028 \\\\ \\"q\\"","ctl":"a\tb"}'  # a raw tab, a backslash, quotes, U+2028, '<' and '&'
add("hygraph", sec, {"gcms-signature": f"sign={hygraph_sig(sec, odd, 'master', ts)}, env=master, t={ts}"}, odd, True, C, src,
    "a body whose JSON string form needs escapes: quotes, backslash; U+2028, '<' and '&' are left as they are", now=ts // 1000)
add("hygraph", sec, {"gcms-signature": f"sign={hygraph_sig(sec, small, 'master', ts)}, env=staging, t={ts}"}, small, False, C, src,
    "another environment than the signed one", now=ts // 1000)
add("hygraph", sec, {"gcms-signature": f"sign={hygraph_sig(sec, small, 'master', ts)}, env=master, t={ts}"}, small, False, C, src,
    "301 s later", now=ts // 1000 + 301)

# ---- smartcar ----
src = ("smartcar/python-sdk@a4dfeff smartcar/smartcar.py hash_challenge, verify_payload (hex HMAC-SHA256 with the application management token); "
       "smartcar.com/docs/api-reference/webhooks/callback-verification (VERIFY event answered with {challenge: HMAC})")
amt = "smartcar-application-management-token"
verify = ('{"eventId":"52f6e0bb-1369-45da-a61c-9e67d092d6db","eventType":"VERIFY","data":{"challenge":"abc123-random"},'
          '"meta":{"version":"4.0","webhookId":"5a8e5e38-1e12-4011-a36d-56f120053f9e","deliveryId":"5d569643-3a47-4cd1-a3ec-db5fc1f6f03b"}}')
ans = json.dumps({"challenge": hx(hm(hashlib.sha256, amt, "abc123-random"))}, separators=(",", ":"))
add("smartcar", amt, {"SC-Signature": hx(hm(hashlib.sha256, amt, verify))}, verify, True, C, src, "a signed v4 VERIFY event: answered by the gate",
    answer={"status": 200, "content_type": "application/json", "body": ans})
v2 = '{"version":"2.0","webhookId":"5a8e5e38-1e12-4011-a36d-56f120053f9e","eventName":"verify","payload":{"challenge":"abc123-random"}}'
add("smartcar", amt, {"SC-Signature": hx(hm(hashlib.sha256, amt, v2))}, v2, True, C, src, "a signed v2 verify event: answered by the gate",
    answer={"status": 200, "content_type": "application/json", "body": ans})
add("smartcar", amt, {}, verify, False, C, src, "an unsigned VERIFY event is refused, never answered")
state = '{"eventId":"6a1f","eventType":"VEHICLE_STATE","data":{"vehicle":{"id":"36ab27d0-fd9d-4455-823a-ce30af709ffc"}},"meta":{"version":"4.0"}}'
add("smartcar", amt, {"SC-Signature": hx(hm(hashlib.sha256, amt, state))}, state, True, C, src, "a vehicle event: passed on")

# ---- castle ----
src = "castle/docs@60e65c9 source/getting-started/webhooks.rst 'Securing webhooks' (X-Castle-Signature = base64 HMAC-SHA256(API secret, body))"
sec = "YOUR_API_SECRET"
body = '{"api_version":"v1","app_id":"368721375658952","type":"$incident.confirmed","created_at":"2021-02-24T21:39:33.495Z","data":{"id":"P2lbg8_UdnSTVmK0g2DeOjREKc91","user_id":"1234"}}'
add("castle", sec, {"X-Castle-Signature": b64(hm(hashlib.sha256, sec, body))}, body, True, C, src, "the docs' placeholder secret")
add("castle", sec, {"X-Castle-Signature": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "hex instead of base64")

# ---- jira (admin webhooks with a secret) ----
src = "developer.atlassian.com/cloud/jira/platform/webhooks 'Secure admin webhooks' (X-Hub-Signature: sha256=<hex HMAC-SHA256(secret, body)>, WebSub method=signature)"
sec = "jira-admin-webhook-secret"
body = '{"timestamp":1700000000000,"webhookEvent":"jira:issue_created","issue_event_type_name":"issue_created","issue":{"id":"10002","key":"TEST-1"}}'
h = {"X-Hub-Signature": "sha256=" + hx(hm(hashlib.sha256, sec, body)), "X-Atlassian-Webhook-Identifier": "1a2b3c"}
add("jira", sec, h, body, True, C, src)
add("jira", sec, {"X-Hub-Signature-256": h["X-Hub-Signature"]}, body, False, C, src, "X-Hub-Signature-256 (GitHub's name) is not Jira's header")

# ---- veriff ----
src = "devdocs.veriff.com/docs/hmac-authentication-and-endpoint-security (Public API v1 and webhooks: X-HMAC-SIGNATURE, payload signed with the shared secret key)"
sec = "veriff-shared-secret-key"
body = '{"status":"success","verification":{"id":"12df6045-3846-3e45-946a-14fa6136d78b","code":9001,"status":"approved"}}'
add("veriff", sec, {"X-AUTH-CLIENT": "api-key", "X-HMAC-SIGNATURE": hx(hm(hashlib.sha256, sec, body))}, body, True, C, src)
add("veriff", sec, {"X-AUTH-CLIENT": "api-key", "X-HMAC-SIGNATURE": hx(hm(hashlib.sha256, sec, body))}, body.replace("approved", "declined"), False, C, src, "decision changed")

# ---- bigcommerce (a custom header carries a token) ----
src = "developer.bigcommerce.com/docs/integrations/webhooks/http 'Creating a webhook' (custom headers sent with each callback)"
body = '{"store_id":"11111","producer":"stores/abcde","scope":"store/order/statusUpdated","data":{"type":"order","id":173331},"hash":"3f9ea420af83450d7ef9f78b08c8af25b2213637"}'
add("bigcommerce", "long-random-hook-token", {"X-Hook-Token": "long-random-hook-token"}, body, True, C, src, options={"header": "X-Hook-Token"})
add("bigcommerce", "long-random-hook-token", {"X-Hook-Token": "guess"}, body, False, C, src, "another value", options={"header": "X-Hook-Token"})

# ---- fusionauth (HS256 JWT carrying the body's base64 SHA-256) ----
src = "FusionAuth/fusionauth-site astro/src/content/docs/extend/events-and-webhooks/signing.mdx (X-FusionAuth-Signature-JWT, claim request_body_sha256 = base64 SHA-256 of the body)"


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def hs256(key, claims, header=None):
    header = header or {"alg": "HS256", "typ": "JWT", "kid": "webhook-key-1"}
    signing = b64url(json.dumps(header, separators=(",", ":")).encode()) + "." + b64url(json.dumps(claims, separators=(",", ":")).encode())
    return signing + "." + b64url(hm(hashlib.sha256, key, signing))


sec = "fusionauth-hmac-key-secret"
body = '{"event":{"id":"e502168a-b469-45d9-a079-fd45f83e0406","createInstant":1700000000000,"type":"user.create","user":{"id":"00000000-0000-0001-0000-000000000000"}}}'
claim = b64(hashlib.sha256(body.encode()).digest())
add("fusionauth", sec, {"X-FusionAuth-Signature-JWT": hs256(sec, {"request_body_sha256": claim})}, body, True, C, src)
add("fusionauth", sec, {"X-FusionAuth-Signature-JWT": hs256(sec, {"request_body_sha256": claim})}, body.replace("user.create", "user.delete"), False, C, src, "body changed: the claim no longer matches")
add("fusionauth", sec, {"X-FusionAuth-Signature-JWT": hs256(sec, {"request_body_sha256": hashlib.sha256(body.encode()).hexdigest()})}, body, False, C, src, "the claim in hex: FusionAuth writes base64")
add("fusionauth", sec, {"X-FusionAuth-Signature-JWT": hs256(sec, {"request_body_sha256": claim}, {"alg": "HS512", "typ": "JWT"})}, body, False, C, src, "another algorithm in the header than HS256")

# ---- flexport ----
src = "apidocs.flexport.com/v2/tag/Webhook-Endpoints; developers.flexport.com/faq/webhooks (HMAC-SHA256 of the UTF-8 payload with the secret token, sent as X-Hub-Signature-256)"
sec = "flexport-secret-token"
body = '{"_object":"/api/event","type":"/shipment_milestone#created","created_at":"2026-01-01T00:00:00Z","data":{"_object":"/shipment_milestone","id":1}}'
sig = hx(hm(hashlib.sha256, sec, body))
add("flexport", sec, {"X-Hub-Signature-256": sig, "X-Hub-Signature": hx(hm(hashlib.sha1, sec, body))}, body, True, C, src, "bare hex")
add("flexport", sec, {"X-Hub-Signature-256": "sha256=" + sig}, body, True, C, src, "with GitHub's sha256= prefix")
add("flexport", sec, {"X-Hub-Signature": hx(hm(hashlib.sha1, sec, body))}, body, False, C, src, "only the SHA-1 header: not used")

with open(os.path.join(HERE, "presets-e.jsonl"), "w") as f:
    for d in out:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
counts = {}
for d in out:
    counts[d["provider"]] = counts.get(d["provider"], 0) + 1
print(len(out), json.dumps(counts, sort_keys=True))
