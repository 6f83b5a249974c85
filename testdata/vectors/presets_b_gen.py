#!/usr/bin/env python3
"""Builds presets_b.jsonl: the vectors of hookgate's part-B presets.

Published vectors are copied from published.jsonl (PROVIDERS.md) or from the
research notes with their source; "computed" vectors are computed here, with
python's hmac/hashlib and `cryptography`, from each provider's documented
algorithm, independently of hookgate's Go code. Run from the repo root:

    python3 testdata/vectors/presets_b_gen.py > testdata/vectors/presets_b.jsonl
"""
import base64, calendar, email.utils, hashlib, hmac, json, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

out = []


def add(**v):
    v.setdefault("headers", {})
    v.setdefault("url", None)
    v.setdefault("now", None)
    out.append(v)


def b64(b):
    return base64.b64encode(b).decode()


def mac(key, msg, alg=hashlib.sha256):
    return hmac.new(key.encode() if isinstance(key, str) else key, msg.encode() if isinstance(msg, str) else msg, alg).digest()


# ---- published vectors copied from published.jsonl, renamed ----
rename = {"twilio": "twilio", "square": "square", "adyen": "adyen",
          "adyen-payload-hmac": "adyen", "vipps-mobilepay-webhooks": "vipps"}
for line in open("testdata/vectors/published.jsonl"):
    d = json.loads(line)
    if d["provider"] not in rename:
        continue
    orig = d["provider"]
    d["provider"] = rename[orig]
    d.pop("form_params", None)
    d.pop("inferred", None)
    d["notes"] = (d.get("notes") or "") + f" [published.jsonl provider {orig}]"
    if orig == "adyen-payload-hmac":
        d["options"] = {"variant": "header"}
    if orig == "vipps-mobilepay-webhooks":
        d["now"] = calendar.timegm(email.utils.parsedate(d["headers"]["x-ms-date"]))
    add(**d)

# the Adyen header vector again with the default variant (auto-detected)
adyen_hdr = dict(next(v for v in out if v.get("options") == {"variant": "header"}))
adyen_hdr = json.loads(json.dumps(adyen_hdr))
del adyen_hdr["options"]
adyen_hdr["notes"] = "same vector, default variant auto: the HmacSignature header selects the raw-body scheme"
add(**adyen_hdr)

# ---- trello (computed: no published vector) ----
body = '{"hello":"world"}'
url = "https://example.com/webhooks"
add(provider="trello", secret="secret", url=url, body=body,
    headers={"Content-Type": "application/json", "X-Trello-Webhook": b64(mac("secret", body + url, hashlib.sha1))},
    expected_valid=True, kind="computed",
    source="developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/#webhook-signatures (algorithm); research presets-B.md",
    notes="base64 HMAC-SHA1(app secret, body + callbackURL); matches the research note's FwPAcuGe9EP/+SbXFWjnEVTa0zw=")

# ---- dropbox ----
add(provider="dropbox", secret="the_secret", body='{"delta": {"users": [12345]}}',
    headers={"Content-Type": "application/json",
             "X-Dropbox-Signature": "0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529"},
    expected_valid=True, kind="3p-test",
    source="npm hapi-dropbox-webhooks@1.1.0 test/index.js (third-party, not Dropbox's own); reproduced",
    notes="hex HMAC-SHA256(app secret, body)")
add(provider="dropbox", secret="the_secret", method="GET", url="https://example.com/dropbox?challenge=xyz123",
    body="", expected_valid=True, kind="published-doc",
    source="dropbox.com/developers/reference/webhooks (GET ?challenge= verification request)",
    notes="unsigned registration GET: accepted only as the challenge, answered by the gate")

# ---- box (official SDK test) ----
box_body = '{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}'
box_headers = {"box-delivery-id": "f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f",
               "box-delivery-timestamp": "2020-01-01T00:00:00-07:00",
               "box-signature-algorithm": "HmacSHA256",
               "box-signature-primary": "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=",
               "box-signature-secondary": "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=",
               "box-signature-version": "1"}
assert b64(mac("SamplePrimaryKey", box_body + "2020-01-01T00:00:00-07:00")) == box_headers["box-signature-primary"]
box_src = "box/box-node-sdk tests/lib/managers/webhooks-test.js validateMessage() @01672dba"
t0 = 1577862000  # 2020-01-01T00:00:00-07:00
for secrets, now, valid, note in [
        (["SamplePrimaryKey", "SampleSecondaryKey"], t0 + 300, True, "valid 5 minutes after"),
        (["SamplePrimaryKey"], t0 + 300, True, "primary key only"),
        (["SampleSecondaryKey"], t0 + 300, True, "secondary key only"),
        (["SamplePrimaryKey", "SampleSecondaryKey"], t0 + 900, False, "15 minutes old: past the 10-minute maximum age"),
        (["SamplePrimaryKey", "SampleSecondaryKey"], 1262329200, False,
         "SDK accepts at 2010-01-01 (future timestamps unlimited); hookgate refuses timestamps beyond the tolerance in the future too"),
        (["WrongKey"], t0 + 300, False, "wrong key")]:
    add(provider="box", secrets=secrets, body=box_body, headers=box_headers, now=now,
        expected_valid=valid, kind="sdk-test", source=box_src, notes=note)

# ---- docusign (computed) ----
body = '{"event":"envelope-completed"}'
add(provider="docusign", secret="test-hmac-key", body=body,
    headers={"Content-Type": "application/json", "X-DocuSign-Signature-1": b64(mac("test-hmac-key", body))},
    expected_valid=True, kind="computed",
    source="developers.docusign.com/platform/webhooks/connect/validate (algorithm)",
    notes="base64 HMAC-SHA256(Connect key, body); research value Zc83WthqjhhIzKbysUZkLbPpPmx2NxohgdKgiE7wehg=")
add(provider="docusign", secrets=["other-key", "test-hmac-key"], body=body,
    headers={"X-DocuSign-Signature-1": b64(mac("other-key-2", body)), "X-DocuSign-Signature-2": b64(mac("test-hmac-key", body))},
    expected_valid=True, kind="computed", source="same", notes="second header matches the second configured key")

# ---- gocardless (official SDK test) ----
gc_body = '{"events":[{"id":"EV00BD05S5VM2T","created_at":"2018-07-05T09:13:51.404Z","resource_type":"subscriptions","action":"created","links":{"subscription":"SB0003JJQ2MR06"},"details":{"origin":"api","cause":"subscription_created","description":"Subscription created via the API."},"metadata":{}},{"id":"EV00BD05TB8K63","created_at":"2018-07-05T09:13:56.893Z","resource_type":"mandates","action":"created","links":{"mandate":"MD000AMA19XGEC"},"details":{"origin":"api","cause":"mandate_created","description":"Mandate created via the API."},"metadata":{}}]}'
gc_sig = "2693754819d3e32d7e8fcb13c729631f316c6de8dc1cf634d6527f1c07276e7e"
gc_src = "gocardless/gocardless-pro-python tests/webhooks_test.py @42d0c8d1 + tests/fixtures/webhook_body.json (stripped)"
for secret, b, valid, note in [("ED7D658C-D8EB-4941-948B-3973214F2D49", gc_body, True, "fixture body, trailing newline stripped as the test does"),
                               ("anotherkey", gc_body, False, "wrong key (SDK test)"),
                               ("ED7D658C-D8EB-4941-948B-3973214F2D49", gc_body + "\n", False, "trailing newline left in: not the signed bytes")]:
    add(provider="gocardless", secret=secret, body=b, headers={"Content-Type": "application/json", "Webhook-Signature": gc_sig},
        expected_valid=valid, kind="sdk-test", source=gc_src, notes=note)

# ---- zoom (computed) ----
body = '{"event":"meeting.started","payload":{"account_id":"abc","object":{"id":"123"}},"event_ts":1658940994000}'
add(provider="zoom", secret="test-zoom-secret", body=body, now=1658940994 + 10,
    headers={"x-zm-request-timestamp": "1658940994",
             "x-zm-signature": "v0=" + mac("test-zoom-secret", "v0:1658940994:" + body).hex()},
    expected_valid=True, kind="computed", source="developers.zoom.us/docs/api/webhooks/#verify-webhook-events (algorithm)",
    notes="v0=hex HMAC-SHA256(secret token, v0:ts:body); research value v0=35356cd7...")
body = '{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1658940994000,"event":"endpoint.url_validation"}'
add(provider="zoom", secret="test-zoom-secret", body=body, now=1658940994,
    headers={"x-zm-request-timestamp": "1658940994",
             "x-zm-signature": "v0=" + mac("test-zoom-secret", "v0:1658940994:" + body).hex()},
    expected_valid=True, kind="computed", source="same; url validation per zoom/webhook-sample index.js",
    answer={"status": 200, "content_type": "application/json",
            "body": json.dumps({"encryptedToken": mac("test-zoom-secret", "qgg8vlvZRS6UYooatFL8Aw").hex(), "plainToken": "qgg8vlvZRS6UYooatFL8Aw"}, separators=(",", ":"))},
    notes="encryptedToken = hex HMAC-SHA256(secret, plainToken) = 2af7990b...")

# ---- twitch (computed) ----
tw_id, tw_ts = "e76c6bd4-55c9-4987-8304-da1588d8988b", "2019-11-16T10:11:12.634234626Z"
body = '{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","type":"channel.follow","version":"2","status":"webhook_callback_verification_pending"},"challenge":"pogchamp-kappa-360noscope-vohiyo"}'
add(provider="twitch", secret="this-is-a-secret-123", body=body, now=1573899072 + 60,
    headers={"Twitch-Eventsub-Message-Id": tw_id, "Twitch-Eventsub-Message-Timestamp": tw_ts,
             "Twitch-Eventsub-Message-Type": "webhook_callback_verification",
             "Twitch-Eventsub-Message-Signature": "sha256=" + mac("this-is-a-secret-123", tw_id + tw_ts + body).hex()},
    expected_valid=True, kind="computed", source="dev.twitch.tv/docs/eventsub/handling-webhook-events (getHmacMessage)",
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": "pogchamp-kappa-360noscope-vohiyo"},
    notes="sha256=hex HMAC-SHA256(secret, id + timestamp + body); research value 4956d1b9...")
add(provider="twitch", secret="this-is-a-secret-123", body=body, now=1573899072 + 11 * 60,
    headers=out[-1]["headers"], expected_valid=False, kind="computed", source="same",
    notes="11 minutes old: Twitch says reject messages older than 10 minutes")

# ---- discord (computed with the RFC 8032 TEST 1 key) ----
seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
sk = Ed25519PrivateKey.from_private_bytes(seed)
pk = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()
assert pk == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
body = '{"type":1}'
add(provider="discord", secret=seed.hex(), public_key=pk, body=body, now=1700000000,
    headers={"X-Signature-Timestamp": "1700000000", "X-Signature-Ed25519": sk.sign(b"1700000000" + body.encode()).hex()},
    expected_valid=True, kind="computed", source="RFC 8032 7.1 TEST 1 key; scheme from discord/discord-interactions-js verifyKey",
    answer={"status": 200, "content_type": "application/json", "body": '{"type":1}'},
    notes="Ed25519 over timestamp + body; PING answered with PONG")
add(provider="discord", secret=seed.hex(), public_key=pk, body=body, now=1700000000,
    headers={"X-Signature-Timestamp": "1700000001", "X-Signature-Ed25519": out[-1]["headers"]["X-Signature-Ed25519"]},
    expected_valid=False, kind="computed", source="same", notes="timestamp changed")

# ---- sendgrid (official Go SDK test) ----
add(provider="sendgrid", public_key="MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
    secret="MHcCAQEEIEQmZgBEh9DcU9zMl34czK3xov4AYvm9P3r7rNB2dNXtoAoGCCqGSM49AwEHoUQDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
    body='{"category":"example_payload","event":"test_event","message_id":"message_id"}', now=1588788367,
    headers={"X-Twilio-Email-Event-Webhook-Timestamp": "1588788367",
             "X-Twilio-Email-Event-Webhook-Signature": "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0="},
    expected_valid=True, kind="sdk-test", source="sendgrid/sendgrid-go helpers/eventwebhook/eventwebhook_test.go @11d4fa96",
    notes="secret = the test's SEC 1 private key (signer only); body is Go json.Marshal of the test map (sorted keys)")
sg = out[-1]
add(**{**sg, "body": '{"event":"test_event","category":"example_payload","message_id":"message_id"}', "expected_valid": False,
       "notes": "insertion-order body: not the signed bytes"})
add(**{**sg, "headers": {**sg["headers"], "X-Twilio-Email-Event-Webhook-Timestamp": "invalid timestamp"}, "expected_valid": False,
       "notes": "SDK test: invalid timestamp"})

# ---- mailgun (computed) ----
ts, token = "1770920772", "e0b5477167110d68991efc6b9f89f0a11066af27834600e123"
sig = mac("key-test-signing", ts + token).hex()
body = json.dumps({"signature": {"token": token, "timestamp": ts, "signature": sig}, "event-data": {"event": "delivered", "id": "abc"}})
add(provider="mailgun", secret="key-test-signing", body=body, now=int(ts) + 60, headers={"Content-Type": "application/json"},
    expected_valid=True, kind="computed", source="documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks (algorithm)",
    notes="hex HMAC-SHA256(signing key, timestamp + token); research value 49cd614d...")
form = f"timestamp={ts}&token={token}&signature={sig}&recipient=alice%40example.com"
add(provider="mailgun", secret="key-test-signing", body=form, now=int(ts), headers={"Content-Type": "application/x-www-form-urlencoded"},
    expected_valid=True, kind="computed", source="same (legacy form fields, mailgun/mailgun-go webhooks_test.go shape)", notes="form variant")

# ---- mercadopago (computed) ----
rid = "bb56a2f1-6aae-46ac-982e-9dcd3581d08e"
for query, ts, manifest in [("data.id=123456&type=payment", "1742505638683", f"id:123456;request-id:{rid};ts:1742505638683;"),
                            ("data.id=ABC123DEF&type=payment", "1704908010", f"id:abc123def;request-id:{rid};ts:1704908010;")]:
    add(provider="mercadopago", secret="test-mp-secret", url="https://example.com/mp?" + query, body='{"action":"payment.updated"}',
        headers={"x-request-id": rid, "x-signature": f"ts={ts},v1=" + mac("test-mp-secret", manifest).hex()},
        expected_valid=True, kind="computed", source="mercadopago.com/developers (Webhooks: Validar origen de una notificación)",
        notes="manifest " + manifest)

json.dump  # keep flake quiet
for v in out:
    sys.stdout.write(json.dumps(v, ensure_ascii=False, sort_keys=True) + "\n")
