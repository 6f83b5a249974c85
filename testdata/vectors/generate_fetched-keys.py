#!/usr/bin/env python3
"""Builds fetched-keys.jsonl: the vectors of the presets whose keys are
fetched from the provider (aws_sns, paypal, google_pubsub).

Every key a delivery needs is pinned in the line's `public_key` (the
certificate or JWKS the gate would otherwise fetch), so the vectors run
offline. Lines copied from an official SDK's tests are `sdk-test`; the
others are computed here with python3 `cryptography`, independently of
hookgate's Go code, from the providers' documented algorithms and their
official validators:

- aws_sns: aws/aws-php-sns-message-validator src/MessageValidator.php
  (getStringToSign: "Key\\nValue\\n" for Message, MessageId, Subject,
  SubscribeURL, Timestamp, Token, TopicArn, Type when present; SHA1withRSA
  for SignatureVersion 1, SHA256withRSA for 2) and its tests;
- paypal: paypal/PayPal-Java-SDK Event.validateReceivedEvent and
  SSLUtil (transmission_id|transmission_time|webhook_id|crc32(body) as
  unsigned decimal, SHA256withRSA, CN messageverificationcerts*.paypal.com);
- google_pubsub: cloud.google.com/pubsub/docs/authenticate-push-subscriptions
  and googleapis/google-auth-library-nodejs src/auth/oauth2client.ts
  (RS256, issuers, 300 s clock skew, tokens living at most a day).

The test keys are kept in fetched-keys.testkeys.pem (made on the first
run), so the output is the same on every run:

    python3 testdata/vectors/generate_fetched-keys.py
"""
import base64, binascii, calendar, datetime, hashlib, json, os, time, zlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = os.path.join(HERE, "fetched-keys.testkeys.pem")
C, SDK = "computed", "sdk-test"
out = []


def add(provider, headers, body, valid, kind, source, notes, now=None, public_key=None, options=None):
    out.append({"provider": provider, "secret": None, "public_key": public_key, "options": options or {},
                "headers": headers, "body": body, "url": None, "now": now, "expected_valid": valid,
                "kind": kind, "source": source, "notes": notes})


def test_keys():
    """Three RSA-2048 test keys, made once and kept."""
    if not os.path.exists(KEYS):
        pems = [rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()) for _ in range(3)]
        with open(KEYS, "wb") as f:
            f.write(b"".join(pems))
    data = open(KEYS, "rb").read()
    parts = [p + b"-----END PRIVATE KEY-----\n" for p in data.split(b"-----END PRIVATE KEY-----\n") if p.strip()]
    return [serialization.load_pem_private_key(p, None) for p in parts]


def cert_pem(key, cn, not_before, not_after, serial):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(serial).not_valid_before(not_before).not_valid_after(not_after)
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def public_pem(key):
    return key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def sign(key, msg, alg):
    return key.sign(msg.encode(), padding.PKCS1v15(), alg)


def b64(b): return base64.b64encode(b).decode()
def b64url(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def unix(iso): return calendar.timegm(time.strptime(iso[:19], "%Y-%m-%dT%H:%M:%S"))


KEY, OTHER, GKEY = test_keys()

# ---- aws_sns ----
SNS_SIGNED = ["Message", "MessageId", "Subject", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]


def sns_string(m):
    return "".join(f"{k}\n{m[k]}\n" for k in SNS_SIGNED if k in m)


def sns_sign(key, m):
    alg = hashes.SHA1() if m["SignatureVersion"] == "1" else hashes.SHA256()
    m = dict(m)
    m["Signature"] = b64(sign(key, sns_string(m), alg))
    return m


php_src = "aws/aws-php-sns-message-validator tests/FunctionalValidationsTest.php::getHttpFixtures (AWS's certificate from the same test, pinned)"
AWS_CERT = """-----BEGIN CERTIFICATE-----
MIIF1zCCBL+gAwIBAgIQB9pYWG3Mi7xej22g9pobJTANBgkqhkiG9w0BAQsFADBG
MQswCQYDVQQGEwJVUzEPMA0GA1UEChMGQW1hem9uMRUwEwYDVQQLEwxTZXJ2ZXIg
Q0EgMUIxDzANBgNVBAMTBkFtYXpvbjAeFw0yMTA5MDcwMDAwMDBaFw0yMjA4MTcy
MzU5NTlaMBwxGjAYBgNVBAMTEXNucy5hbWF6b25hd3MuY29tMIIBIjANBgkqhkiG
9w0BAQEFAAOCAQ8AMIIBCgKCAQEAutFqueT3XgP13udzxE6UpbdjOtVO5DwoMpSM
iDNMnGzF1TYH5/R2LPUOBeTB0SkKnR4kpNcUZhicpGD4aKciz/GEZ6wu65xncfT9
H/KBOQwoXYTuClHwp6fYpGzcGFaFoEYMnijL/o4qmTSd+ukglQUgKpsDw4ofw6rU
m2CttJo+GQSNQ9NfGR1h/0J+zsApkeSYrXRx5wNlu87z8os1C/6PBrUHwt3xXeaf
Xzfwut8aRRYsS8BySOA9DAgLfNHlfdQCjKPXKrG/ussgReyWD6n/HH+j7Uha3xos
TzQqJifcxlTq6MxWdPR6fDaJNvqw6DOE7UjUNxHguXHlVfxhlQIDAQABo4IC6TCC
AuUwHwYDVR0jBBgwFoAUWaRmBlKge5WSPKOUByeWdFv5PdAwHQYDVR0OBBYEFAqz
C+vyouneE7mWWLbi9i0UsWUbMBwGA1UdEQQVMBOCEXNucy5hbWF6b25hd3MuY29t
MA4GA1UdDwEB/wQEAwIFoDAdBgNVHSUEFjAUBggrBgEFBQcDAQYIKwYBBQUHAwIw
OwYDVR0fBDQwMjAwoC6gLIYqaHR0cDovL2NybC5zY2ExYi5hbWF6b250cnVzdC5j
b20vc2NhMWIuY3JsMBMGA1UdIAQMMAowCAYGZ4EMAQIBMHUGCCsGAQUFBwEBBGkw
ZzAtBggrBgEFBQcwAYYhaHR0cDovL29jc3Auc2NhMWIuYW1hem9udHJ1c3QuY29t
MDYGCCsGAQUFBzAChipodHRwOi8vY3J0LnNjYTFiLmFtYXpvbnRydXN0LmNvbS9z
Y2ExYi5jcnQwDAYDVR0TAQH/BAIwADCCAX0GCisGAQQB1nkCBAIEggFtBIIBaQFn
AHYAKXm+8J45OSHwVnOfY6V35b5XfZxgCvj5TV0mXCVdx4QAAAF7vfDVkQAABAMA
RzBFAiEA2XfHuy36aqRFiaL8c3md2mH451go8707+fRE0pEdSRACIE/g5FXTUXUZ
PFcmOhm9TZ+uMY1i4CIQ/CKVWln6C3t+AHYAUaOw9f0BeZxWbbg3eI8MpHrMGyfL
956IQpoN/tSLBeUAAAF7vfDVjAAABAMARzBFAiBF1MhhFP0+FQt3daDFfMYoWwnr
muTInrjNpwfzlvQBugIhAPYadFzr+LaxSJoiZEbEHBvTts7bT0M3eCQONA2O7w6n
AHUAQcjKsd8iRkoQxqE6CUKHXk4xixsD6+tLx2jwkGKWBvYAAAF7vfDVdAAABAMA
RjBEAiAtPapmFAuA71ih4NoSd5hJelzAltNQpxDMcDfDyHyU8gIgWxmaa6+2KbBu
9xdv379zvnJACFR7jc+4asl08Dn4aagwDQYJKoZIhvcNAQELBQADggEBAA54QX0u
oFWXfMmv02CGZv4NWo5TapyeeixQ2kKpZHRdVZjxZrw+hoF6HD7P3kGjH8ztyJll
tDxB0qgMltbPhQdScwhA6iTgoaBYqEUC/VHKd4PmmPT6yIsM36NBZVmkGlzl5uNo
/dBgBaG0SsVJnhr5zro3c2quC7n6fVGEZhf/UgQwRnnvThnvbNKguglDMq4uEqv8
njKyleht+glkcmXO0m9qLKt6BOS0amy6U2GlAwRn0Wx02ndJtnRCSC6kPuRWK/SQ
FEjB7gCK4hdKaAOuWdZpI55vF6ifOeM8toC3g7ofO8qLTnJupAG+ZitY5J3cvHWr
HqOUdKigPDHYLRo=
-----END CERTIFICATE-----
"""
CERT_URL = "https://sns.us-east-2.amazonaws.com/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem"
ARN = "arn:aws:sns:us-east-2:295079676684:publish-and-verify-"
UNSUB = "https://sns.us-east-2.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + ARN
PHP_FIXTURES = [
    {"Type": "Notification", "MessageId": "792cda85-518f-5dd3-9163-81d851212f3a", "TopicArn": ARN + "892f85fe-4836-424d-8188-ab85bef0f362",
     "Message": "Hello world", "Timestamp": "2022-07-28T21:23:58.317Z", "SignatureVersion": "1",
     "Signature": "ghtf+deOBAzHJJZ6s6CdRLfTQAlcGzq9naoFM1wi0CJiq//uVRuZnamrkWNF0fhouMFvuLVRwcz8PZLUMSfnmd5VpdTKpTyiKmy1qJAZXma0w+yi7G+I33hD1Jyk1Nbym2n0kqp3fVu2aoooiN2ZeLAT2bH0/BtjLSfN1yAOKNoprco4qV9gGUZinXJdj9a1YdNhDR2jKi33ldlsVtEXAtiaDklGEk7DgRKX38GerBPiLg3FdtgY6KC7cdeGpU/dGK+4hjc83Ive1HoFkAwqhpgInM2sMytBosoiXfCmOKmU4xeGD0gHDNZTlJUJQDlzw8Eag0H9f/5zXF9d3uy0YQ==",
     "SigningCertURL": CERT_URL, "UnsubscribeURL": UNSUB + "892f85fe-4836-424d-8188-ab85bef0f362:2296bc94-7992-4be1-b15f-b97229b5c1d8"},
    {"Type": "Notification", "MessageId": "17dea24b-55c2-540b-8362-f916557af765", "TopicArn": ARN + "62674b1d-4295-426b-88e7-5fb75652a04e",
     "Message": "Hello world", "Timestamp": "2022-07-28T21:24:08.324Z", "SignatureVersion": "2",
     "Signature": "CXVqp9PfZAL+4JHS3Zxo1PFbQsvnOjvmYhtIf17TWpwc+iIVas8kZ8GopuzVzVMdatE7rCl/O4P91Zp05Dwz8lk8dLhfp8gSu3Njlzxlyrmzo9x3va3Jb7zFnedgS2GKnZWHGBdwTXho+TosNUE+3e10OMSlwN5XGDwX7+R3WL+rn+AXmFAqp3alg27sYa55h1dLE9cGszGPjScPdtF3BmZsUDMx9wSdNKsCk+vSvE8yBjnCmUl7laSFj3LzPVrlSwgNYCF3kYnNAkah7NplK4SFhJYLwS0HCVCQJKa8rVbQLf9cBTu60U402mrgy0bN8xWoyimzbYbrOMJjalqkUg==",
     "SigningCertURL": CERT_URL, "UnsubscribeURL": UNSUB + "62674b1d-4295-426b-88e7-5fb75652a04e:ad7d16e3-0a7c-46aa-b23e-ffaf02250cbe"},
    {"Type": "Notification", "MessageId": "11405cc3-9ac7-56d5-b45d-079e8f7a8edf", "TopicArn": ARN + "6e11fed2-fcdf-4c52-9dc4-36ef43f37f84",
     "Subject": "Hello world", "Message": "Hello world", "Timestamp": "2022-07-28T22:53:49.654Z", "SignatureVersion": "1",
     "Signature": "AItkS26d8yvnIKJevdirIPW7eM/yKbZy3/CF2EreCHmXWB3etWaV5Fb7SYpGABMpugpDZzNyGY1wCVWaopDoQ+7Q/kI2TpDu8bw1eExbi8U3kduvc/2m2fIrI4gDEY8/v3nzoLcr8pPodqMzrX6SzQou4klfaqbNK+rFmH0LVf2Q1VyOROODoSXmo4jg2Yu12jfxccBl96Drr/ihq4MJ4OcrWh6UzXXlVYjJHx2Ui4anNwNEb+Z4C2CAF1DjQUbhDtaoajDBPY+4d9C1OwbqwQpXsd6tyVcI9nFyEsVK8lfnAV+/3GZQcdXHbIUYBRGcBa4X5TlWJku5nDH2ERtHHw==",
     "SigningCertURL": CERT_URL, "UnsubscribeURL": UNSUB + "6e11fed2-fcdf-4c52-9dc4-36ef43f37f84:adb318c3-2234-4c56-905d-c324cf0df874"},
    {"Type": "Notification", "MessageId": "4504e649-d933-5aa9-8199-bd14ccf05f0b", "TopicArn": ARN + "530b26da-0687-4fe4-9f71-780bad3181e2",
     "Subject": "Hello world", "Message": "Hello world", "Timestamp": "2022-07-28T22:53:55.086Z", "SignatureVersion": "2",
     "Signature": "cETcSvmmkt+My05qCLKexyl0+RyG83mSryKPqTfS+tYcxDJWVcjPJAr+qdpElzVaBl1aTGYVWMY64i9JqZ/JES8pylNj8LGvdhuNQKO59/WCoIimZAsNhn0xEgOeeDU+W/0BU4sdpCGMNjo0S/FuIiWaRe4E0YWRVrxeQevaQ70euDdfWgd5v1eCKQz8b367b9XBmMztL/CWUFI6YaKK/MV21eyvJe3Y7CtVYiOKEYiAZnAEkynK7gUGO5TsgDjGNYhj6U3xYsWgI03bmioSl7kdFSUj+AZ7ugas5fghqxgoDsdfqsjMYKRm5KKHQWsgzI619yIzpNKUiSMHxdZXpQ==",
     "SigningCertURL": CERT_URL, "UnsubscribeURL": UNSUB + "530b26da-0687-4fe4-9f71-780bad3181e2:db0ad2ad-03d1-48ca-a5da-51f317800a57"},
]
aws_pub = x509.load_pem_x509_certificate(AWS_CERT.encode()).public_key()
for m in PHP_FIXTURES:
    alg = hashes.SHA1() if m["SignatureVersion"] == "1" else hashes.SHA256()
    aws_pub.verify(base64.b64decode(m["Signature"]), sns_string(m).encode(), padding.PKCS1v15(), alg)  # asserts
    add("aws_sns", {"Content-Type": "text/plain; charset=UTF-8"}, json.dumps(m), True, SDK, php_src,
        f"SignatureVersion {m['SignatureVersion']}{', with Subject' if 'Subject' in m else ''}; signature checked with AWS's certificate by this script",
        now=unix(m["Timestamp"]), public_key=AWS_CERT, options={"topic_arn": m["TopicArn"]})
m0 = PHP_FIXTURES[1]
add("aws_sns", {}, json.dumps(dict(m0, Message="Hello world!")), False, C, php_src,
    "the SDK's version 2 delivery with Message changed: the signature no longer matches", now=unix(m0["Timestamp"]), public_key=AWS_CERT, options={"topic_arn": m0["TopicArn"]})
add("aws_sns", {}, json.dumps(m0), False, C, php_src,
    "the SDK's genuine delivery for a topic the route does not list (topic_arn is another topic): refused", now=unix(m0["Timestamp"]), public_key=AWS_CERT,
    options={"topic_arn": ARN + "892f85fe-4836-424d-8188-ab85bef0f362"})
add("aws_sns", {}, json.dumps(dict(m0, SigningCertURL="https://foo.amazonaws.com/bar.pem")), False, C,
    "aws/aws-php-sns-message-validator tests/MessageValidatorTest.php (https://foo.amazonaws.com/bar.pem is refused as an invalid domain)",
    "the SDK's delivery with its SigningCertURL off the sns.<region>.amazonaws.com pattern", now=unix(m0["Timestamp"]), public_key=AWS_CERT, options={"topic_arn": m0["TopicArn"]})
add("aws_sns", {}, json.dumps(m0), False, C, php_src,
    "judged on 2022-08-18, after the pinned certificate's notAfter (2022-08-17T23:59:59Z)", now=unix("2022-08-18T00:00:01Z"), public_key=AWS_CERT, options={"topic_arn": m0["TopicArn"]})

csrc = "computed with python3 cryptography and a test key, AWS's string to sign (aws-php-sns-message-validator getStringToSign)"
topic = "arn:aws:sns:eu-west-1:123456789012:orders"
tcert = cert_pem(KEY, "sns.amazonaws.com", datetime.datetime(2024, 1, 1), datetime.datetime(2034, 1, 1), 1001)
base = {"Type": "Notification", "MessageId": "c0ffee00-1111-4222-8333-444455556666", "TopicArn": topic,
        "Message": "{\"order\":\"o_1\",\"note\":\"caf\u00e9 \\\"quoted\\\"\\nline\"}", "Timestamp": "2025-03-04T05:06:07.089Z",
        "SignatureVersion": "2", "SigningCertURL": "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem",
        "UnsubscribeURL": "https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topic + ":1"}
tnow = unix(base["Timestamp"])
add("aws_sns", {"x-amz-sns-message-type": "Notification", "x-amz-sns-topic-arn": topic}, json.dumps(sns_sign(KEY, base), ensure_ascii=False), True, C, csrc,
    "version 2, a JSON message with escapes and non-ASCII text (the signed value is the decoded string); x-amz-sns headers repeat the body",
    now=tnow, public_key=tcert, options={"topic_arn": "arn:aws:sns:eu-west-1:123456789012:other " + topic})
add("aws_sns", {}, json.dumps(sns_sign(KEY, dict(base, SignatureVersion="1", Subject="Order paid"))), True, C, csrc,
    "version 1 (SHA1withRSA) with a Subject", now=tnow, public_key=public_pem(KEY), options={"topic_arn": topic})
unsub = dict(base, Type="UnsubscribeConfirmation", Token="2336412f37fb687f5d51e6e241dbca52e", Message="You have chosen to deactivate subscription.",
             SubscribeURL="https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=2336412f37fb687f5d51e6e241dbca52e")
del unsub["UnsubscribeURL"]
add("aws_sns", {}, json.dumps(sns_sign(KEY, unsub)), True, C, csrc,
    "UnsubscribeConfirmation: Token and SubscribeURL are signed; passed on to the app, not answered", now=tnow, public_key=tcert, options={"topic_arn": topic})
add("aws_sns", {}, json.dumps(sns_sign(OTHER, base)), False, C, csrc, "signed by another key than the pinned certificate's", now=tnow, public_key=tcert, options={"topic_arn": topic})
add("aws_sns", {"x-amz-sns-topic-arn": "arn:aws:sns:eu-west-1:123456789012:other"}, json.dumps(sns_sign(KEY, base)), False, C, csrc,
    "the unsigned x-amz-sns-topic-arn header names another topic than the signed body", now=tnow, public_key=tcert, options={"topic_arn": topic})

# ---- paypal ----
psrc = "computed with python3 cryptography and a test certificate; PayPal-Java-SDK Event.validateReceivedEvent (id|time|webhook_id|crc32 decimal, SHA256withRSA)"
pcert = cert_pem(KEY, "messageverificationcerts.sandbox.paypal.com", datetime.datetime(2024, 1, 1), datetime.datetime(2034, 1, 1), 2002)
pbody = '{"id":"WH-58D329510W468432D-8HN650336L201105X","event_version":"1.0","create_time":"2025-03-04T05:06:07.089Z","resource_type":"capture","event_type":"PAYMENT.CAPTURE.COMPLETED","summary":"Payment completed for $ 2.51 USD","resource":{"id":"42311647XV020574X","status":"COMPLETED"}}'
wid, tid, tts = "8PT597110X687430LKGECATA", "b2384410-f8d2-11ec-8f1b-7b3d5a4d4b1b", "2025-03-04T05:06:09Z"


def paypal(key, body, webhook, cert_url="https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77"):
    crc = zlib.crc32(body.encode()) & 0xffffffff
    assert crc == binascii.crc32(body.encode()) & 0xffffffff
    sig = b64(sign(key, f"{tid}|{tts}|{webhook}|{crc}", hashes.SHA256()))
    return {"PAYPAL-TRANSMISSION-ID": tid, "PAYPAL-TRANSMISSION-TIME": tts, "PAYPAL-TRANSMISSION-SIG": sig,
            "PAYPAL-CERT-URL": cert_url, "PAYPAL-AUTH-ALGO": "SHA256withRSA", "Content-Type": "application/json"}


pnow = unix(tts)
add("paypal", paypal(KEY, pbody, wid), pbody, True, C, psrc, f"valid; crc32(body) = {zlib.crc32(pbody.encode())}", now=pnow, public_key=pcert, options={"webhook_id": wid})
add("paypal", paypal(KEY, pbody, "OTHERWEBHOOK123"), pbody, False, C, psrc, "signed for another webhook_id than the route's", now=pnow, public_key=pcert, options={"webhook_id": wid})
add("paypal", paypal(KEY, pbody, wid), pbody.replace("2.51", "2.50"), False, C, psrc, "body changed after signing (its CRC32 differs)", now=pnow, public_key=pcert, options={"webhook_id": wid})
add("paypal", paypal(KEY, pbody, wid), pbody, False, C, psrc, "judged 301 s after the transmission time: outside the 5-minute tolerance", now=pnow + 301, public_key=pcert, options={"webhook_id": wid})
add("paypal", paypal(KEY, pbody, wid, "https://paypal.example.com/v1/notifications/certs/CERT-1"), pbody, False, C, psrc,
    "PAYPAL-CERT-URL off PayPal's API hosts", now=pnow, public_key=pcert, options={"webhook_id": wid})
add("paypal", paypal(OTHER, pbody, wid), pbody, False, C, psrc, "signed by another key than the pinned certificate's", now=pnow, public_key=pcert, options={"webhook_id": wid})

# ---- google_pubsub ----
gsrc = "computed with python3 cryptography and a test key; cloud.google.com/pubsub/docs/authenticate-push-subscriptions (claims), google-auth-library-nodejs oauth2client.ts (checks)"
gpub = GKEY.public_key().public_numbers()
kid = "7d680d8c70d44e947133cbd499ebc1a61c3d5abc"
jwks = json.dumps({"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": kid,
                             "n": b64url(gpub.n.to_bytes((gpub.n.bit_length() + 7) // 8, "big")), "e": b64url(gpub.e.to_bytes(3, "big"))}]})
aud, email, iat = "https://hooks.example.com/pubsub", "pusher@example-project.iam.gserviceaccount.com", 1741064767
gbody = '{"message":{"attributes":{"key":"value"},"data":"SGVsbG8gQ2xvdWQgUHViL1N1YiEgSGVyZSBpcyBteSBtZXNzYWdlIQ==","messageId":"2070443601311540","publishTime":"2025-03-04T05:06:07.089Z"},"subscription":"projects/myproject/subscriptions/mysubscription"}'


def token(key, kid=kid, **claims):
    c = {"aud": aud, "azp": "113774264463038321964", "email": email, "email_verified": True, "exp": iat + 3600, "iat": iat,
         "iss": "https://accounts.google.com", "sub": "113774264463038321964"}
    c.update(claims)
    signed = b64url(json.dumps({"alg": "RS256", "kid": kid, "typ": "JWT"}, separators=(",", ":")).encode()) + "." + b64url(json.dumps(c, separators=(",", ":")).encode())
    return {"Authorization": "Bearer " + signed + "." + b64url(sign(key, signed, hashes.SHA256())), "Content-Type": "application/json"}


gopt = {"aud": aud, "email": email}
add("google_pubsub", token(GKEY), gbody, True, C, gsrc, "valid, JWKS pinned (kid matched)", now=iat + 60, public_key=jwks, options=gopt)
add("google_pubsub", token(GKEY, kid="0000000000000000000000000000000000000000", iss="accounts.google.com"), gbody, True, C, gsrc,
    "valid, issuer without scheme, a PEM public key pinned (any kid)", now=iat + 60, public_key=public_pem(GKEY), options=gopt)
add("google_pubsub", token(GKEY, kid="0000000000000000000000000000000000000000"), gbody, False, C, gsrc, "a kid the pinned JWKS does not hold", now=iat + 60, public_key=jwks, options=gopt)
add("google_pubsub", token(GKEY, aud="https://other.example.com/push"), gbody, False, C, gsrc, "token for another audience", now=iat + 60, public_key=jwks, options=gopt)
add("google_pubsub", token(GKEY, email_verified=False), gbody, False, C, gsrc, "email_verified false", now=iat + 60, public_key=jwks, options=gopt)
add("google_pubsub", token(GKEY), gbody, False, C, gsrc, "judged 301 s after exp: beyond the 300 s clock skew", now=iat + 3600 + 301, public_key=jwks, options=gopt)
add("google_pubsub", token(GKEY), gbody, True, C, gsrc, "judged 299 s after exp: within the 300 s clock skew", now=iat + 3600 + 299, public_key=jwks, options=gopt)
add("google_pubsub", token(OTHER), gbody, False, C, gsrc, "signed by another key under the pinned kid", now=iat + 60, public_key=jwks, options=gopt)

with open(os.path.join(HERE, "fetched-keys.jsonl"), "w") as f:
    for v in out:
        f.write(json.dumps(v, ensure_ascii=False) + "\n")
counts = {}
for v in out:
    counts[v["provider"]] = counts.get(v["provider"], 0) + 1
print("wrote", len(out), "vectors:", counts)
