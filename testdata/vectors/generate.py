#!/usr/bin/env python3
"""Builds sdk.jsonl and derived.jsonl: the vectors of the presets whose
scheme is not covered by computed.jsonl (see README.md).

Vectors copied from a provider's docs or SDK tests (kind published-doc,
sdk-test, 3p-test; including published.jsonl's, renamed to the preset's
name) go to sdk.jsonl; vectors computed here from each provider's
documented algorithm with python's hmac/hashlib and `cryptography`,
independently of hookgate's Go code, go to derived.jsonl. Where a source
quotes a computed value, it is asserted to match. Run from anywhere:

    python3 testdata/vectors/generate.py
"""
import base64, calendar, email.utils, hashlib, hmac, json, os, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives import serialization

HERE = os.path.dirname(os.path.abspath(__file__))


def hmac_engine_vectors():
    """Body, timestamped and token schemes (the HMAC engine's presets)."""
    out = []

    def hm(alg, key, msg):
        return hmac.new(key.encode() if isinstance(key, str) else key, msg.encode() if isinstance(msg, str) else msg, alg).digest()
    def hx(b): return b.hex()
    def b64(b): return base64.b64encode(b).decode()

    def add(provider, secret, headers, body, valid, kind, source, notes="", now=None, url=None, **extra):
        v = {"provider": provider, "secret": secret, "headers": headers, "body": body, "url": url, "now": now,
             "expected_valid": valid, "kind": kind, "source": source, "notes": notes}
        v.update(extra)
        out.append(v)

    # ---- published vectors, copied from published.jsonl ----
    rename = {"github": "github", "slack": "slack", "standard-webhooks": "standard_webhooks",
              "razorpay": "razorpay", "paddle-billing": "paddle"}
    for line in open(os.path.join(HERE, "published.jsonl")):
        d = json.loads(line)
        if d["provider"] in rename:
            add(rename[d["provider"]], d["secret"], d["headers"], d["body"], d["expected_valid"], d["kind"],
                d["source"] + " (via published.jsonl)", d.get("notes", ""), now=d.get("now"), url=d.get("url"))

    C = "computed"

    # ---- stripe ----
    src = "stripe/stripe-go webhook/client.go algorithm (t.body, HMAC-SHA256 hex, key = whsec_ string); cases mirror its client_test.go"
    sec, t, body = "whsec_test_secret", 1700000000, '{"id":"evt_test_webhook","object":"event"}'
    sig = hx(hm(hashlib.sha256, sec, f"{t}.{body}"))
    add("stripe", sec, {"Stripe-Signature": f"t={t},v1={sig}"}, body, True, C, src, now=t)
    add("stripe", sec, {"Stripe-Signature": f"t={t},v1={'0'*64},v1={sig},v0={'1'*64}"}, body, True, C, src, "several v1 (rolling secrets), v0 ignored", now=t)
    add("stripe", sec, {"Stripe-Signature": f"t={t},v1={sig}"}, body, False, C, src, "too old: now = t+301", now=t + 301)
    add("stripe", sec, {"Stripe-Signature": f"t={t},v1={sig}"}, body, False, C, src, "too far in the future: now = t-301 (hookgate refuses both directions)", now=t - 301)
    add("stripe", sec, {"Stripe-Signature": f"t={t},v0={sig}"}, body, False, C, src, "v0 only", now=t)
    add("stripe", "test_secret", {"Stripe-Signature": f"t={t},v1={sig}"}, body, False, C, src, "whsec_ prefix stripped from the key: wrong key", now=t)

    # ---- gitlab ----
    add("gitlab", "glpat-webhook-token", {"X-Gitlab-Token": "glpat-webhook-token"}, '{"object_kind":"push"}', True, C,
        "gitlabhq app/services/web_hook_service.rb build_headers (X-Gitlab-Token = token verbatim)")
    add("gitlab", "glpat-webhook-token", {"X-Gitlab-Token": "other"}, '{"object_kind":"push"}', False, C,
        "gitlabhq app/services/web_hook_service.rb build_headers")
    svix_src = "svix/svix-webhooks go/webhook_test.go TestWebhookSign (= standard-webhooks libraries/go/webhook_test.go)"
    svix = dict(secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id="msg_p5jXN8AQM9LWM0D4loKWxJek", ts="1614265330",
                body='{"test": 2432232314}', sig="v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", bad="v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=")
    assert "v1," + b64(hm(hashlib.sha256, base64.b64decode(svix["secret"][6:]), f'{svix["id"]}.{svix["ts"]}.{svix["body"]}')) == svix["sig"]
    def svix_headers(prefix, sig):
        return {prefix + "id": svix["id"], prefix + "timestamp": svix["ts"], prefix + "signature": sig}
    add("gitlab", svix["secret"], svix_headers("webhook-", svix["sig"]), svix["body"], True, "sdk-test", svix_src,
        "GitLab signing mode is Standard Webhooks (MR !230944); no GitLab-published vector", now=1614265330, options={"mode": "signing"})

    # ---- svix family ----
    for p in ("svix", "clerk", "resend"):
        note = "" if p == "svix" else f"{p} delivers through Svix (research notes); Svix SDK vector"
        add(p, svix["secret"], svix_headers("svix-", svix["sig"]), svix["body"], True, "sdk-test", svix_src, note, now=1614265330)
        add(p, svix["secret"], svix_headers("svix-", svix["bad"]), svix["body"], False, "sdk-test", svix_src, note + " (known-invalid signature)", now=1614265330)
    add("svix", svix["secret"], svix_headers("webhook-", svix["sig"]), svix["body"], True, "sdk-test", svix_src, "unbranded webhook-* fallback", now=1614265330)

    # ---- standard_webhooks v1a (ed25519, RFC 8032 TEST 1 key) ----
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    priv = Ed25519PrivateKey.from_private_bytes(seed)
    pub = priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert pub.hex() == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    msg = f'{svix["id"]}.{svix["ts"]}.{svix["body"]}'.encode()
    edsig = b64(priv.sign(msg))
    src = "Standard Webhooks spec v1a (ed25519 over id.timestamp.body, whpk_ base64 public key); key = RFC 8032 TEST 1"
    add("standard_webhooks", None, svix_headers("webhook-", "v1a," + edsig), svix["body"], True, C, src, now=1614265330, public_keys=["whpk_" + b64(pub)])
    add("standard_webhooks", None, svix_headers("webhook-", f"v1,{b64(b'x'*32)} v1a," + edsig), svix["body"], True, C, src, "mixed v1 and v1a list", now=1614265330, public_keys=["whpk_" + b64(pub)])
    add("standard_webhooks", None, svix_headers("webhook-", "v1a," + edsig), svix["body"] + " ", False, C, src, "tampered body", now=1614265330, public_keys=["whpk_" + b64(pub)])

    # ---- plain body HMACs ----
    def body_vec(provider, header, prefix, enc, alg, secret, body, source, expect=None, **kw):
        d = hm(alg, secret, body)
        v = prefix + (hx(d) if enc == "hex" else b64(d))
        if expect is not None:
            assert v == expect, (provider, v, expect)
        add(provider, secret, {header: v}, body, True, C, source, **kw)
    body_vec("gitea", "X-Gitea-Signature", "", "hex", hashlib.sha256, "gitea-secret", '{"ref":"refs/heads/main"}',
             "go-gitea/gitea services/webhook/deliver.go (hex HMAC-SHA256 of the JSON payload, secret as bytes)")
    body_vec("bitbucket", "X-Hub-Signature", "sha256=", "hex", hashlib.sha256, "bb-secret", '{"push":{"changes":[]}}',
             "Bitbucket 'Enhanced webhook security' + Data Center doc text (X-Hub-Signature: sha256=<hex>)")
    body_vec("shopify", "X-Shopify-Hmac-SHA256", "", "b64", hashlib.sha256, "shpss_client_secret", '{"id":820982911946154508}',
             "shopify.dev/docs/apps/build/webhooks/verify-deliveries (base64 HMAC-SHA256 of raw body)")
    body_vec("woocommerce", "X-WC-Webhook-Signature", "", "b64", hashlib.sha256, "wc-secret", '{"id":727,"status":"processing"}',
             "woocommerce includes/class-wc-webhook.php generate_signature (base64 HMAC-SHA256)")
    add("woocommerce", "wc-secret", {"Content-Type": "application/x-www-form-urlencoded"}, "webhook_id=12", True, C,
        "woocommerce includes/class-wc-webhook.php deliver_ping (unsigned ping, needs 200)", "answered by the gate itself",
        answer={"status": 200, "content_type": "", "body": ""})
    body_vec("typeform", "Typeform-Signature", "sha256=", "b64", hashlib.sha256, "abc123",
             '{"event_id":"01H0000000000000000000000","event_type":"form_response"}',
             "typeform.com/developers/webhooks/secure-your-webhooks (sha256=<base64>)", "sha256=dC9wBsg9pYInjwV1qFrjvCM9TRiAHHMODsok0ag06qA=")
    body_vec("intercom", "X-Hub-Signature", "sha1=", "hex", hashlib.sha1, "intercom-client-secret", '{"type":"notification_event","id":"notif_1","topic":"ping"}',
             "developers.intercom.com signed-notifications (sha1=<hex HMAC-SHA1 of body>)")
    body_vec("xero", "x-xero-signature", "", "b64", hashlib.sha256,
             "OSd0eLlVIY9ZhViEqlDUh4+6n6M+Lo+eDaEJheJ6OCCgWwIz2D3JIAU6jPMipHRbgKTLz2uJ+xiACXGDBLrgdA==",
             '{"events":[],"firstEventSequence":0,"lastEventSequence":0,"entropy":"S0m3r4Nd0mt3xt"}',
             "Xero webhooks docs via rjaus gists (base64 HMAC-SHA256, key as literal string)", "Gt4LXdM2h/E90EuzKib+WZrTp6c2sHhPUUGvB4K0dZM=",
             notes="Intent-to-Receive shape (empty events): answered 200, empty, by the gate",
             answer={"status": 200, "content_type": "", "body": ""})
    body_vec("asana", "X-Hook-Signature", "", "hex", hashlib.sha256, "b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81", '{"events":[]}',
             "developers.asana.com createwebhook (X-Hook-Signature = hex HMAC-SHA256 keyed with X-Hook-Secret)",
             "10468027b67df18c739cc4794c6fc2d2806dcaaf2259fc3e1ed9d26433659853")
    body_vec("sentry", "Sentry-Hook-Signature", "", "hex", hashlib.sha256, "test-client-secret",
             '{"action": "created", "installation": {"uuid": "a8e5d37a-696c-4c54-adb5-b3f28d64c7de"}, "data": {"issue": {"id": "1"}}, "actor": {"type": "application", "id": "sentry", "name": "Sentry"}}',
             "getsentry/sentry SentryApp.build_signature (hex HMAC-SHA256 of body)", "76f38c80189bf97dcddca6da31000ea7c36797e4bdc7bdfcb7df1a74fde504d7")
    body_vec("vercel", "x-vercel-signature", "", "hex", hashlib.sha1, "test-vercel-secret",
             '{"id":"evt_test","type":"deployment.created","createdAt":1700000000000,"payload":{}}',
             "Vercel 'Securing webhooks' sample (hex HMAC-SHA1 of body)", "a5a153a853782bb828bfcedb6b4f439571574937")
    body_vec("paystack", "x-paystack-signature", "", "hex", hashlib.sha512, "sk_test_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
             '{"event":"charge.success","data":{"id":302961,"reference":"qTPrJoy9Bx","status":"success"}}',
             "paystack.com/docs/payments/webhooks (hex HMAC-SHA512 of body, key = secret key)",
             "5d512d01536ff28b5c0e36603eaa22ce30bb6209a2c880179bef15cc4b5b51efe6bf249263376d4196fb6e90002444f37422a88670e9d180214061e4e2675317")
    body_vec("flutterwave", "flutterwave-signature", "", "b64", hashlib.sha256, "test-flw-hash", '{"event":"charge.completed","data":{"id":285959875}}',
             "third-party v4 implementations (base64 HMAC-SHA256 of body); unconfirmed by Flutterwave's own page",
             "F5Re4e6q0wXU5SY5SWvnDeylu+8lX4o02Dl0dgZA4/o=", options={"mode": "v4"})
    add("flutterwave", "test-flw-hash", {"verif-hash": "test-flw-hash"}, '{"event":"charge.completed","data":{"id":285959875}}', True, C,
        "Flutterwave v3 verif-hash (secret hash verbatim) per research notes")
    body_vec("lemonsqueezy", "X-Signature", "", "hex", hashlib.sha256, "test-ls-secret", '{"meta":{"event_name":"order_created"},"data":{"type":"orders","id":"1"}}',
             "docs.lemonsqueezy.com/help/webhooks/signing-requests (hex HMAC-SHA256)", "69df8b3d7160e1a4562eb9693e11d5e84bd874290fe9c8a079e6f8648398b326")

    # ---- postmark (Basic auth) ----
    add("postmark", "hooks:s3cret-pass", {"Authorization": "Basic " + b64(b"hooks:s3cret-pass")}, '{"RecordType":"Delivery","MessageID":"m1"}', True, C,
        "postmarkapp.com/developer/webhooks/webhooks-overview (Basic auth credentials in the webhook URL)")
    add("postmark", "hooks:s3cret-pass", {"Authorization": "Basic " + b64(b"hooks:wrong")}, '{"RecordType":"Delivery","MessageID":"m1"}', False, C,
        "postmarkapp.com/developer/webhooks/webhooks-overview")

    # ---- slack extra: computed stale/future cases use the published secret ----

    # ---- linear ----
    src = "linear/linear packages/sdk/src/webhooks/client.ts (hex HMAC-SHA256 of body; body webhookTimestamp ms within 60 s)"
    body = '{"action":"create","type":"Issue","webhookTimestamp":1700000000000,"webhookId":"00000000-0000-0000-0000-000000000000"}'
    s = hx(hm(hashlib.sha256, "lin_wh_testsecret", body)); assert s == "30bfc7ce4f3e6b06fae0cf96876f4bec36faffbd39d3718016adbcf146395149"
    add("linear", "lin_wh_testsecret", {"Linear-Signature": s}, body, True, C, src, now=1700000000)
    add("linear", "lin_wh_testsecret", {"Linear-Signature": s}, body, False, C, src, "now = ts + 61 s", now=1700000061)

    # ---- hubspot ----
    hs = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
    src = "HubSpot/hubspot-api-nodejs test/unit/signature.spec.ts (also HubSpot FAQ v1/v2 request validation)"
    b1 = '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]'
    assert hashlib.sha256((hs + b1).encode()).hexdigest() == "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"
    add("hubspot", hs, {"X-HubSpot-Signature": "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de", "X-HubSpot-Signature-Version": "v1"}, b1, True, "sdk-test", src, options={"version": "v1"})
    add("hubspot", hs, {"X-HubSpot-Signature": "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e", "X-HubSpot-Signature-Version": "v2"}, "", True, "sdk-test", src,
        url="https://www.example.com/webhook_uri", method="GET", options={"version": "v2"})
    add("hubspot", hs, {"X-HubSpot-Signature": "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900", "X-HubSpot-Signature-Version": "v2"}, '{"example_field":"example_value"}', True, "sdk-test", src,
        url="https://www.example.com/webhook_uri", method="POST", options={"version": "v2"})
    v3 = b64(hm(hashlib.sha256, hs, "POST" + "https://www.example.com/webhook_uri" + '{"example_field":"example_value"}' + "1700000000000"))
    assert v3 == "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o="
    v3src = "HubSpot v3 request validation (method+URI+body+timestamp, base64 HMAC-SHA256); hubspot-api-nodejs signature.ts"
    add("hubspot", hs, {"X-HubSpot-Signature-v3": v3, "X-HubSpot-Request-Timestamp": "1700000000000"}, '{"example_field":"example_value"}', True, C, v3src,
        url="https://www.example.com/webhook_uri", method="POST", now=1700000000)
    add("hubspot", hs, {"X-HubSpot-Signature-v3": v3, "X-HubSpot-Request-Timestamp": "1700000000000"}, '{"example_field":"example_value"}', False, C, v3src,
        "now = ts + 301 s", url="https://www.example.com/webhook_uri", method="POST", now=1700000301)

    # ---- zendesk ----
    zs, zt, zb = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==", "2021-03-25T05:09:27Z", '{"say": "hello"}'
    z = b64(hm(hashlib.sha256, zs, zt + zb)); assert z == "P2iKOs0eFBXbqjyUNxNnoWmoN/cSSkVqIRoRhYZhv5o="
    zsrc = "developer.zendesk.com/documentation/webhooks/verifying (base64 HMAC-SHA256 of TIMESTAMP+BODY, secret literal)"
    add("zendesk", zs, {"X-Zendesk-Webhook-Signature": z, "X-Zendesk-Webhook-Signature-Timestamp": zt}, zb, True, C, zsrc, now=1616648967)
    add("zendesk", "HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=", {"X-Zendesk-Webhook-Signature": "tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=", "X-Zendesk-Webhook-Signature-Timestamp": "2021-07-25T10:00:00Z"},
        zb, False, "published-doc", "developer.zendesk.com event-connectors/webhooks/verifying (older stored revision)",
        "the old doc vector reproduces only as BODY+TIMESTAMP; hookgate implements the current TIMESTAMP+BODY, so it is refused", now=1627207200)

    # ---- pagerduty ----
    pd_secret = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK"
    pd_body = open(os.path.join(HERE, "pagerduty_default_body.json")).read()
    assert len(pd_body) == 1655 and hx(hm(hashlib.sha256, pd_secret, pd_body)) == "0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"
    pdsrc = "PagerDuty/go-pagerduty webhookv3/webhookv3_test.go @3df5eb4e TestVerifySignature"
    add("pagerduty", pd_secret, {"X-PagerDuty-Signature": "v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"}, pd_body, True, "sdk-test", pdsrc + " (valid)")
    add("pagerduty", pd_secret, {"X-PagerDuty-Signature": "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5"}, pd_body, False, "sdk-test", pdsrc + " (mismatch)")
    add("pagerduty", pd_secret, {"X-PagerDuty-Signature": "v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5,v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd"}, pd_body, True, "sdk-test",
        pdsrc, "two v1 entries (rotation, per developer-docs 04-Signatures.md); values from the SDK test")

    # ---- calendly ----
    cb = '{"event":"invitee.created","created_at":"2023-11-14T22:13:20.000000Z","payload":{}}'
    c = hx(hm(hashlib.sha256, "test-signing-key", "1700000000." + cb)); assert c == "0f011e6ef34567013b37d3200ccf7c80729928eb9b652d4c49378e0d89d451a0"
    csrc = "developer.calendly.com webhook-signatures sample (t=..,v1=hex HMAC-SHA256 of t.body)"
    add("calendly", "test-signing-key", {"Calendly-Webhook-Signature": f"t=1700000000,v1={c}"}, cb, True, C, csrc, now=1700000000)
    add("calendly", "test-signing-key", {"Calendly-Webhook-Signature": f"t=1700000000,v1={c}"}, cb, False, C, csrc, "now = t + 25 h + 1 s (the default covers Calendly's 24 h of retries)", now=1700000000 + 25 * 3600 + 1)

    # ---- coinbase commerce ----
    cc_body = '{"id":1,"scheduled_for":"2017-01-31T20:50:02Z","attempt_number":1,"event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","api_version":"2018-03-22","created_at":"2017-01-31T20:49:02Z","data":{"code":"66BEOV2A","name":"The Sovereign Individual","description":"Mastering the Transition to the Information Age","hosted_url":"https://commerce.coinbase.com/charges/66BEOV2A","created_at":"2017-01-31T20:49:02Z","expires_at":"2017-01-31T21:04:02Z","timeline":[{"time":"2017-01-31T20:49:02Z","status":"NEW"}],"metadata":{},"pricing_type":"no_price","payments":[],"addresses":{"bitcoin":"0000000000000000000000000000000000","ethereum":"0x0000000000000000000000000000000000000000","litecoin":"3000000000000000000000000000000000","bitcoincash":"bitcoincash:000000000000000000000000000000000000000000"}}}}'
    ccsig = "8be7742c7d372f08a6a3224edadf18a22b65fa9e28f3f2de97376cdaa092590d"
    assert hx(hm(hashlib.sha256, "30291a20-0bd1-4267-9b0f-e6e7b123c0bf", cc_body)) == ccsig
    ccsrc = "coinbase/coinbase-commerce-node test/testWebhook.spec.js @003e0194"
    add("coinbase_commerce", "30291a20-0bd1-4267-9b0f-e6e7b123c0bf", {"X-CC-Webhook-Signature": ccsig}, cc_body, True, "sdk-test", ccsrc)
    add("coinbase_commerce", "30291a20-0bd1-4267-9b0f-e6e7b123c0bg", {"X-CC-Webhook-Signature": ccsig}, cc_body, False, "sdk-test", ccsrc + " (wrong secret)")

    return out


def other_vectors():
    """URL-signing, asymmetric, in-body and handshake schemes."""

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
    for line in open(os.path.join(HERE, "published.jsonl")):
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

    return out


def main():
    lines = {"sdk.jsonl": [], "derived.jsonl": []}
    for vectors, sort_keys in ((hmac_engine_vectors(), False), (other_vectors(), True)):
        for v in vectors:
            name = "derived.jsonl" if v["kind"] == "computed" else "sdk.jsonl"
            lines[name].append(json.dumps(v, ensure_ascii=False, sort_keys=sort_keys) + "\n")
    for name, text in lines.items():
        with open(os.path.join(HERE, name), "w") as f:
            f.writelines(text)
        print(name, len(text), file=sys.stderr)


if __name__ == "__main__":
    main()
