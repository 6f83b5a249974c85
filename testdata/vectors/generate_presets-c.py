#!/usr/bin/env python3
"""Builds presets-c.jsonl: the vectors of catalogue batch C (issue #12).

Every value is computed here with python's hmac/hashlib/base64/json,
independently of hookgate's Go code, from each provider's documented
algorithm; lines copied from a provider's SDK tests or examples say so in
`kind` (sdk-test) and `source`, and the values they quote are asserted.
Run from anywhere:

    python3 testdata/vectors/generate_presets-c.py
"""
import base64, hashlib, hmac, json, os, unicodedata

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


# ---- microsoft_graph ----
src = ("learn.microsoft.com/graph/change-notifications-delivery-webhooks (microsoftgraph/microsoft-graph-docs-contrib "
       "concepts/change-notifications-delivery-webhooks.md, includes/change-notifications-delivery-notificationurl-validation.md, "
       "change-notifications-lifecycle-events.md)")
state = "secretClientValue"
note_doc = "the docs' example notification (placeholders kept), clientState = the docs' example value"
change = ('{"value":[{"id":"lsgTZMr9KwAAA","subscriptionId":"{subscription_guid}","subscriptionExpirationDateTime":"2016-03-19T22:11:09.952Z",'
          '"clientState":"secretClientValue","changeType":"created","resource":"users/{user_guid}@{tenant_guid}/messages/{long_id_string}",'
          '"tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","resourceData":{"@odata.type":"#Microsoft.Graph.Message",'
          '"@odata.id":"Users/{user_guid}@{tenant_guid}/Messages/{long_id_string}","@odata.etag":"W/\\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\\"",'
          '"id":"{long_id_string}"}}]}')
assert json.loads(change)["value"][0]["clientState"] == state
add("microsoft_graph", state, {"Content-Type": "application/json"}, change, True, C, src, note_doc)
lifecycle = ('{"value":[{"lifecycleEvent":"reauthorizationRequired","subscriptionId":"e3898f08-5cd0-4a6a-80fc-6addbfb73b7b",'
             '"subscriptionExpirationDateTime":"2019-09-18T00:52:45.9696658+00:00","clientState":"{secret client state}",'
             '"tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95"}]}')
add("microsoft_graph", "{secret client state}", {"Content-Type": "application/json"}, lifecycle, True, C, src,
    "the docs' reauthorizationRequired lifecycle notification; its placeholder clientState as the secret")
add("microsoft_graph", "anotherClientState", {"Content-Type": "application/json"}, change, False, C, src,
    note_doc + "; route configured with another clientState")
two = json.loads(change)
second = dict(two["value"][0], clientState="forged")
batch = json.dumps({"value": [two["value"][0], second]}, separators=(",", ":"))
add("microsoft_graph", state, {"Content-Type": "application/json"}, batch, False, C, src,
    "a batch whose second notification carries another clientState: every item must match")
no_state = json.dumps({"value": [{k: v for k, v in two["value"][0].items() if k != "clientState"}]}, separators=(",", ":"))
add("microsoft_graph", state, {"Content-Type": "application/json"}, no_state, False, C, src, "notification without clientState")
token = "Validation: Testing client application reachability for subscription Request-Id: 7e2a2a43-0e4b-4d0a-9f5e-3b0e2b1c5d6a"
from urllib.parse import quote_plus
q = quote_plus(token)
assert q.startswith("Validation%3A+Testing")
add("microsoft_graph", state, {"Content-Type": "text/plain; charset=utf-8"}, "", True, C, src,
    "subscription validation POST ?validationToken=<URL-encoded token>, no body: answered by the gate with the decoded token",
    url="https://hooks.example.com/graph?validationToken=" + q, method="POST",
    answer={"status": 200, "content_type": "text/plain; charset=utf-8", "body": token})
add("microsoft_graph", state, {}, "", False, C, src,
    "validation token with markup is not echoed (and the empty body carries no clientState)",
    url="https://hooks.example.com/graph?validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", method="POST")

# ---- okta ----
src = "developer.okta.com/docs/concepts/event-hooks (okta/okta-developer-docs packages/@okta/vuepress-site/docs/concepts/event-hooks/index.md)"
okta_secret = "okta-event-hook-secret-1"
event = ('{"eventType":"com.okta.event_hook","eventTypeVersion":"1.0","cloudEventsVersion":"0.1","contentType":"application/json",'
         '"eventId":"b5a188b9-5ece-4636-b041-482ffda96311","eventTime":"2019-03-27T16:59:53.032Z",'
         '"source":"https://{yourOktaDomain}/api/v1/eventHooks/whoql0HfiLGPWc8Jx0g3","data":{"events":[{"uuid":"f790999f-fe87-467a-9880-6982a583986c",'
         '"published":"2018-03-28T22:23:07.777Z","eventType":"user.session.start","displayMessage":"User login to Okta"}]}}')
add("okta", okta_secret, {"Content-Type": "application/json", "Authorization": okta_secret}, event, True, C, src,
    "the docs' sample delivery (trimmed); the Authorization header carries the hook's secret verbatim")
add("okta", okta_secret, {"Content-Type": "application/json", "Authorization": "Bearer " + okta_secret}, event, False, C, src,
    "a value that only contains the secret")
add("okta", okta_secret, {"Content-Type": "application/json", "X-Okta-Secret": okta_secret}, event, True, C, src,
    "option header: the hook's authentication field is X-Okta-Secret", options={"header": "X-Okta-Secret"})
add("okta", okta_secret, {"Authorization": okta_secret, "X-Okta-Verification-Challenge": "s6dcUZxAcz8SU95D2q4cUJgdvYo-Fj6d9lP0p8QMPmE"}, "", True, C, src,
    "one-time verification GET: answered {\"verification\": <header value>} by the gate", method="GET",
    answer={"status": 200, "content_type": "application/json",
            "body": json.dumps({"verification": "s6dcUZxAcz8SU95D2q4cUJgdvYo-Fj6d9lP0p8QMPmE"}, separators=(",", ":"))})
add("okta", okta_secret, {"X-Okta-Verification-Challenge": "s6dcUZxAcz8SU95D2q4cUJgdvYo-Fj6d9lP0p8QMPmE"}, "", False, C, src,
    "verification GET without the hook's secret: refused", method="GET")

# ---- discourse ----
src = ("discourse/discourse spec/jobs/emit_web_hook_event_spec.rb 'sets up proper request headers' "
       "(secret from spec/fabricators/web_hook_fabricator.rb, payload MultiJson.dump(ping: 'OK'))")
sig = "sha256=" + hx(hm(hashlib.sha256, "my_lovely_secret_for_web_hook", '{"ping":"OK"}'))
assert sig == "sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6"
add("discourse", "my_lovely_secret_for_web_hook", {"X-Discourse-Event-Signature": sig, "X-Discourse-Event": "ping"},
    '{"ping":"OK"}', True, SDK, src)
add("discourse", "my_lovely_secret_for_web_hook", {"X-Discourse-Event-Signature": sig[len("sha256="):]},
    '{"ping":"OK"}', False, C, src, "the hex digest without its sha256= prefix")
add("discourse", "another_secret", {"X-Discourse-Event-Signature": sig}, '{"ping":"OK"}', False, C, src, "another secret")

# ---- easypost ----
src = "EasyPost/easypost-python easypost/util.py validate_webhook (hmac-sha256-hex= + hex HMAC-SHA256, key = UTF-8 of NFKD(secret))"
secret = "sécret-webhook"  # composed é: NFKD decomposes it
nfkd = unicodedata.normalize("NFKD", secret)
assert nfkd != secret
body = '{"id":"evt_0a1b2c3d4e5f","object":"Event","description":"tracker.updated","mode":"test","result":{"id":"trk_1","status":"in_transit"}}'
add("easypost", nfkd, {"X-Hmac-Signature": "hmac-sha256-hex=" + hx(hm(hashlib.sha256, nfkd, body))}, body, True, C, src,
    "secret configured in its NFKD form, as the SDK normalises it")
add("easypost", secret, {"X-Hmac-Signature": "hmac-sha256-hex=" + hx(hm(hashlib.sha256, nfkd, body))}, body, False, C, src,
    "secret configured in composed (NFC) form: the gate does not normalise, refused (see the preset's note)")
ascii_secret = "easypost_webhook_secret"
add("easypost", ascii_secret, {"X-Hmac-Signature": "hmac-sha256-hex=" + hx(hm(hashlib.sha256, ascii_secret, body))}, body, True, C, src)
add("easypost", ascii_secret, {"X-Hmac-Signature": hx(hm(hashlib.sha256, ascii_secret, body))}, body, False, C, src, "no hmac-sha256-hex= prefix")

# ---- helpscout ----
src = "helpscout/helpscout-api-php examples/incoming_webhook.php (body json_encode(['id' => 123]), secret 'asdfasdf'), algorithm src/Webhooks/IncomingWebhook.php"
sig = b64(hm(hashlib.sha1, "asdfasdf", '{"id":123}'))
assert sig == "7S2+kN8bZsrdAEADJ+yYfWWsf/4="
add("helpscout", "asdfasdf", {"X-HelpScout-Signature": sig, "X-HelpScout-Event": "convo.deleted"}, '{"id":123}', True, SDK, src,
    "the SDK's example, not a test: its signature is the SDK's own constant")
add("helpscout", "asdfasdf", {"X-HelpScout-Signature": sig}, '{"id":124}', False, C, src, "body changed after signing")

# ---- buildkite ----
src = "buildkite/docs pages/apis/webhooks/_webhook_signature.md, _verifying_hmac_signatures.md (hex HMAC-SHA256 of 'timestamp.body', key = webhook token)"
tok, t = "buildkite-webhook-token", 1619071700
body = '{"event":"build.finished","build":{"id":"f62a1b4d-10f9-4790-bc1c-e2c3a0c80983","state":"passed"}}'
sig = hx(hm(hashlib.sha256, tok, f"{t}.{body}"))
add("buildkite", tok, {"X-Buildkite-Signature": f"timestamp={t},signature={sig}", "X-Buildkite-Event": "build.finished"}, body, True, C, src, now=t + 10)
add("buildkite", tok, {"X-Buildkite-Signature": f"timestamp={t},signature={sig}"}, body, False, C, src, "301 s later: outside hookgate's 5 minutes", now=t + 301)
add("buildkite", tok, {"X-Buildkite-Token": tok}, body, False, C, src, "token mode (plain X-Buildkite-Token): not supported, refused", now=t)

# ---- aftership ----
src = "aftership.com/docs/tracking/webhook/webhook-signature (aftership-hmac-sha256: base64 HMAC-SHA256 of the body, key = webhook secret)"
sec = "aftership_webhook_secret"
body = '{"event":"tracking_update","msg":{"id":"5b7658cec7c33c0e007de3c5","tracking_number":"1Z0000000000000000","tag":"InTransit"},"ts":1534484715}'
add("aftership", sec, {"aftership-hmac-sha256": b64(hm(hashlib.sha256, sec, body))}, body, True, C, src)
add("aftership", sec, {"aftership-hmac-sha256": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "hex instead of base64")

# ---- modern_treasury ----
src = "Modern-Treasury/modern-treasury-python tests/api_resources/test_webhooks.py test_get_signature / test_validate_signature (key 'foo')"
quoted = {
    "foo": "08ba357e274f528065766c770a639abf6809b39ccfd37c2a3157c7f51954da0a",
    '{"foo":"bar"}': "57e14f6f354543f0101fb06ea24df7731d90087b76651e3497345e22a3622940",
    '{"foo":"bar","bar":"baz","a": true}': "ec1c86d16075e6937fc26d55b7dc60bac9b1178a2f714312f7c5cb13a319b0ac",
}
for payload, expected in quoted.items():
    assert hx(hm(hashlib.sha256, "foo", payload)) == expected
for payload in ('{"foo":"bar"}', '{"foo":"bar","bar":"baz","a": true}'):
    add("modern_treasury", "foo", {"X-Signature": quoted[payload]}, payload, True, SDK, src)
add("modern_treasury", "foo", {"X-Signature": quoted['{"foo":"bar"}']}, '{"foo":"bar"}foo', False, SDK, src, "test_validate_signature: modified payload")
add("modern_treasury", "bar", {"X-Signature": quoted['{"foo":"bar"}']}, '{"foo":"bar"}', False, C, src, "another key ('bar', as test_get_signature_client_key)")

# ---- viber ----
src = "Viber/viber-bot-python viberbot/api/api.py _calculate_message_signature (hex HMAC-SHA256, key = auth token), README (X-Viber-Content-Signature)"
tok = "445da6az1s345z78-dazcczb2542zv51a-e0vc5fva17480im9"
body = '{"event":"message","timestamp":1457764197627,"message_token":4912661846655238145,"sender":{"id":"01234567890A=","name":"John McClane"},"message":{"type":"text","text":"a message to the service"}}'
add("viber", tok, {"X-Viber-Content-Signature": hx(hm(hashlib.sha256, tok, body))}, body, True, C, src)
add("viber", tok, {"X-Viber-Content-Signature": hx(hm(hashlib.sha256, tok, body)).upper()}, body, True, C, src,
    "uppercase hex (hex is case-insensitive)")
add("viber", tok + "x", {"X-Viber-Content-Signature": hx(hm(hashlib.sha256, tok, body))}, body, False, C, src, "another token")

# ---- shopware ----
src = "shopware/app-php-sdk src/Authentication/RequestVerifier.php authenticatePostRequest (hash_hmac('sha256', body, shop secret), shopware-shop-signature)"
sec = "shop-secret-abc123"
body = '{"data":{"payload":[{"entity":"product","operation":"update","primaryKey":"2a88d9b59d474c7e869d8071649be43c"}],"event":"product.written"},"source":{"url":"https://shop.example.com","appVersion":"1.0.0","shopId":"dgrH7nLU6tlE"},"timestamp":1678276825}'
add("shopware", sec, {"shopware-shop-signature": hx(hm(hashlib.sha256, sec, body))}, body, True, C, src)
add("shopware", "old-secret", {"shopware-shop-signature": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "another shop secret")

# ---- appwrite ----
src = "appwrite/appwrite src/Appwrite/Platform/Workers/Webhooks.php (base64_encode(hash_hmac('sha1', $url . $payload, $signatureKey, true)))"
key, url = "a6b9e0cdb23f7f51c4a7c7e0ed1f3c52", "https://hooks.example.com/appwrite"
body = '{"$id":"66fff9c9000616326882","name":"Jane","email":"jane@example.com","emailVerification":true}'
add("appwrite", key, {"X-Appwrite-Webhook-Signature": b64(hm(hashlib.sha1, key, url + body))}, body, True, C, src, url=url)
add("appwrite", key, {"X-Appwrite-Webhook-Signature": b64(hm(hashlib.sha1, key, url + body))}, body, False, C, src,
    "delivered to another URL than the one signed", url="https://hooks.example.com/other")
add("appwrite", key, {"X-Appwrite-Webhook-Signature": b64(hm(hashlib.sha1, key, body))}, body, False, C, src,
    "HMAC of the body alone", url=url)

# ---- dbt_cloud ----
src = "dbt-labs/docs.getdbt.com website/docs/docs/deploy/webhooks.md 'Validate a webhook' (Authorization = hex HMAC-SHA256 of the body, key = secret token)"
sec = "dbt-cloud-webhook-secret-token"
body = ('{"accountId":1,"eventId":"wev_2L6Z3l8uPedXKPq9D2nWbPIip7Z","timestamp":"2023-01-31T19:28:15.742843678Z","eventType":"job.run.started",'
        '"webhookName":"test","data":{"jobId":"123","jobName":"Daily Job (dbt build)","runId":"12345","environmentId":"1234",'
        '"environmentName":"Production","dbtVersion":"1.0.0","projectName":"Snowflake Github Demo","runReason":"Kicked off from UI by test@test.com",'
        '"runStartedAt":"2023-01-31T19:28:07Z","runStatus":"Running","runStatusMessage":"None"}}')
add("dbt_cloud", sec, {"Authorization": hx(hm(hashlib.sha256, sec, body))}, body, True, C, src, "the docs' job.run.started example payload, minified")
add("dbt_cloud", sec, {"Authorization": "Bearer " + hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "a Bearer prefix is not dbt's format")

# ---- sonarqube ----
src = "docs.sonarsource.com Webhooks 'Securing your webhooks' (X-Sonar-Webhook-HMAC-SHA256 = hex HMAC-SHA256 of the body, key = webhook secret)"
sec = "sonar-webhook-secret-16chars+"
body = '{"serverUrl":"http://localhost:9000","taskId":"AVh21JS2JepAEhwQ-b3u","status":"SUCCESS","analysedAt":"2016-11-18T10:46:28+0100","project":{"key":"myproject","name":"My Project"},"qualityGate":{"name":"SonarQube way","status":"OK"},"properties":{}}'
add("sonarqube", sec, {"X-Sonar-Webhook-HMAC-SHA256": hx(hm(hashlib.sha256, sec, body)), "X-SonarQube-Project": "myproject"}, body, True, C, src,
    "the docs' example payload (trimmed)")
add("sonarqube", sec, {"X-Sonar-Webhook-HMAC-SHA256": hx(hm(hashlib.sha256, sec, json.dumps(json.loads(body))))}, body, False, C, src,
    "signature over the payload re-serialised (the mistake of the SonarSource community thread): refused")

# ---- snyk ----
src = "docs.snyk.io Snyk webhooks 'Validation and versioning of payloads' (X-Hub-Signature: sha256=<hex HMAC-SHA256 of the body>)"
sec = "snyk-webhook-secret"
body = '{"project":{"id":"af137b96-6966-46c1-826b-2e79ac49bd58","name":"snyk/goof"},"org":{"id":"f0125d9b-271a-4b50-ad23-80e12575a1bf"},"newIssues":[],"removedIssues":[]}'
add("snyk", sec, {"X-Hub-Signature": "sha256=" + hx(hm(hashlib.sha256, sec, body)), "X-Snyk-Event": "project_snapshot/v0",
                  "X-Snyk-Transport-ID": "2a2e3d36-1f34-4cd3-9c52-8e7d2c7e5a11"}, body, True, C, src)
add("snyk", sec, {"X-Hub-Signature": "sha1=" + hx(hm(hashlib.sha1, sec, body))}, body, False, C, src, "sha1= is not Snyk's")

# ---- azure_devops ----
src = "MicrosoftDocs/azure-devops-docs docs/service-hooks/services/webhooks.md (basic authentication over HTTPS; custom HTTP headers)"
cred = "hookgate:azure-devops-pass"
body = '{"subscriptionId":"00000000-0000-0000-0000-000000000000","notificationId":1,"id":"03c164c2-8912-4d5e-8009-3707d5f83734","eventType":"git.push","publisherId":"tfs","resource":{}}'
add("azure_devops", cred, {"Authorization": "Basic " + b64(cred.encode())}, body, True, C, src, "secret = user:password")
add("azure_devops", cred, {"Authorization": "Basic " + b64(b"hookgate:guess")}, body, False, C, src, "wrong password")
add("azure_devops", "hook-header-secret", {"X-Hook-Secret": "hook-header-secret"}, body, True, C, src,
    "option header: a custom HTTP header carries the secret", options={"header": "X-Hook-Secret"})

# ---- paymongo ----
src = "paymongo/paymongo-php src/Services/WebhookService.php constructEvent (t=..,te=..,li=..; hash_hmac('sha256', t.'.'.payload, secret))"
sec, t = "whsk_paymongo_test_secret", 1700000000
body = '{"data":{"id":"evt_9nK8t6oXJ3UuZk3M1BhtgGKP","type":"event","attributes":{"type":"source.chargeable","livemode":false,"data":{"id":"src_1","type":"source"}}}}'
sig = hx(hm(hashlib.sha256, sec, f"{t}.{body}"))
add("paymongo", sec, {"Paymongo-Signature": f"t={t},te={sig},li="}, body, True, C, src, "test mode: te set, li empty", now=t)
add("paymongo", sec, {"Paymongo-Signature": f"t={t},te=,li={sig}"}, body, True, C, src, "live mode: li set, te empty", now=t)
add("paymongo", sec, {"Paymongo-Signature": f"t={t},te=,li="}, body, False, C, src, "no signature at all", now=t)
add("paymongo", sec, {"Paymongo-Signature": f"t={t},te={sig},li="}, body, False, C, src, "140 min 1 s later: outside the default that covers PayMongo's 136.5 minutes of retries", now=t + 8401)
add("paymongo", sec, {"Paymongo-Signature": f"t={t + 1},te={sig},li="}, body, False, C, src, "timestamp changed after signing", now=t)

# ---- webex ----
src = "developer.webex.com blog 'Using a Webhook Secret' (X-Spark-Signature = hex HMAC-SHA1 of the raw body, key = the webhook's secret)"
sec = "somesupersecretphrase"  # the blog's example passphrase
body = ('{"id":"Y2lzY29zcGFyazovL3VzL1dFQkhPT0svZjRlNjA1NjAtNjYwMi00ZmIwLWEyNWEtOTQ5ODgxNjA5NDk3","name":"New message in \'Project Unicorn\' room",'
        '"resource":"messages","event":"created","data":{"id":"Y2lzY29zcGFyazovL3VzL01FU1NBR0UvOTJkYjNiZTAtNDNiZC0xMWU2LThhZTktZGQ1YjNkZmM1NjVk"}}')
add("webex", sec, {"X-Spark-Signature": hx(hm(hashlib.sha1, sec, body))}, body, True, C, src, "the blog's passphrase; a trimmed example body from the webhooks guide")
add("webex", sec, {"X-Spark-Signature": hx(hm(hashlib.sha256, sec, body))}, body, False, C, src, "an HMAC-SHA256 digest: Webex signs with SHA-1")

# ---- mandrill ----
src = ("mandrill.zendesk.com 'How to Authenticate Webhook Requests' (URL as entered + POST fields sorted by key, key+value, "
       "base64 HMAC-SHA1 with the webhook key), 'Webhook Format' (one field, mandrill_events)")
from urllib.parse import urlencode, parse_qsl
key, url = "mandrill-webhook-key-1", "https://hooks.example.com/mandrill"
events = '[{"event":"send","msg":{"ts":1365109999,"subject":"This an example webhook message","email":"example.webhook@mandrillapp.com","_id":"exampleaaaaaaaaaaaaaaaaaaaaaaaaa"},"_id":"exampleaaaaaaaaaaaaaaaaaaaaaaaaa","ts":1384954004}]'
body = urlencode({"mandrill_events": events})
def mandrill_sig(k, u, form):
    signed = u + "".join(n + v for n, v in sorted(parse_qsl(form, keep_blank_values=True)))
    return b64(hm(hashlib.sha1, k, signed))
ct = "application/x-www-form-urlencoded"
add("mandrill", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig(key, url, body)}, body, True, C, src, url=url)
add("mandrill", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig(key, url + "/", body)}, body, False, C, src,
    "signed for the URL with a trailing slash: 'a difference as small as a trailing slash' fails", url=url)
empty = urlencode({"mandrill_events": "[]"})
add("mandrill", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig("test-webhook", url, empty)}, empty, False, C,
    src + "; 'Why can't my webhook or inbound route URL be verified?' (fallback POST signed with the generic key 'test-webhook')",
    "the fallback POST signed with the generic key is refused unless that key is configured", url=url)
add("mandrill", key, {}, "", True, C, "mandrill.zendesk.com 'Why can't my webhook or inbound route URL be verified?' (HEAD URL check, 200 expected)",
    "unsigned HEAD URL check: answered 200 by the gate", url=url, method="HEAD", answer={"status": 200, "content_type": "", "body": ""})
two = "b=2&a=1"
add("mandrill", key, {"Content-Type": ct, "X-Mandrill-Signature": mandrill_sig(key, url, two)}, two, True, C, src,
    "fields sorted by name before signing (a1 before b2)", url=url)

# ---- attio ----
src = "docs.attio.com/rest-api/how-to/webhooks 'Authenticating' (Attio-Signature = hex HMAC-SHA256 of the UTF-8 body, key = webhook secret; X-Attio-Signature duplicates it)"
sec = "attio-webhook-secret"
body = '{"webhook_id":"8d5d2a4b-2c9e-4d6d-9b4c-0f1e2d3c4b5a","events":[{"event_type":"record.created","id":{"workspace_id":"w1","object_id":"o1","record_id":"r1"},"actor":{"type":"workspace-member","id":"m1"}}]}'
sig = hx(hm(hashlib.sha256, sec, body))
add("attio", sec, {"Attio-Signature": sig, "X-Attio-Signature": sig, "Idempotency-Key": "5a0e3b1c-7d2f-4e8a-9c6b-1f2e3d4c5b6a"}, body, True, C, src)
add("attio", sec, {"X-Attio-Signature": sig}, body, False, C, src, "only the legacy X-Attio-Signature: the gate reads Attio-Signature")

with open(os.path.join(HERE, "presets-c.jsonl"), "w") as f:
    for d in out:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
counts = {}
for d in out:
    counts[d["provider"]] = counts.get(d["provider"], 0) + 1
print(len(out), json.dumps(counts, sort_keys=True))
