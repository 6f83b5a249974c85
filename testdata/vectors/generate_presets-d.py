#!/usr/bin/env python3
"""Vectors of apple_app_store and wise (issue #12, batch presets-d).

Writes presets-d.jsonl and presets-d_appstore_roots.pem next to this file.
Computed with python3 and `cryptography`, independently of the Go code:

- wise: Wise's own sandbox example (published by Wise in
  github.com/transferwise/digital-signatures-examples, linked from
  docs.wise.com/guides/developer/webhooks/event-handling) and computed
  lines signed with a test RSA key (presets-d_wise_test_key.pem, made once
  by this script and kept so that the output is reproducible).
- apple_app_store: Apple's own test notifications
  (apple/app-store-server-library-python tests/resources, signed by Apple's
  test CA tests/resources/certs/testCA.der), and computed lines signed with
  a root, intermediate and leaf made here with Apple's marker extensions.
  The Go tests trust the roots in presets-d_appstore_roots.pem through the
  test hook in verifiers/export_presets-d_test.go, never through an option.

Every signature is deterministic (RSA PKCS #1 v1.5; ECDSA per RFC 6979), so
running the script again gives the same files.
"""
import base64
import datetime
import hashlib
import json
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
lines = []


def add(provider, kind, source, notes, headers, body, valid, options=None, public_key=None, now=None):
    d = {"provider": provider, "kind": kind, "source": source, "notes": notes, "secret": None,
         "headers": headers, "body": body, "expected_valid": valid}
    if options:
        d["options"] = options
    if public_key:
        d["public_key"] = public_key
    if now is not None:
        d["now"] = now
    lines.append(d)


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


# ---------------------------------------------------------------- wise
WISE_DOC = "docs.wise.com/guides/developer/webhooks/event-handling (X-Signature-SHA256: base64 RSA signature with SHA-256 of the raw body; production and sandbox public keys)"
WISE_EXAMPLE = "github.com/transferwise/digital-signatures-examples verify-webhook-signature/verify-signature.js (Wise's example: sandbox key, body and header; linked from " + WISE_DOC + ")"
wise_body = '{"data":{"resource":{"id":49983981,"profile_id":16055450,"account_id":14124090,"type":"transfer"},"current_state":"incoming_payment_waiting","previous_state":null,"occurred_at":"2021-08-23T10:12:50Z"},"subscription_id":"90aa8e14-4ef1-4a56-861c-f3c9cde097ea","event_type":"transfers#state-change","schema_version":"2.0.0","sent_at":"2021-08-23T10:12:50Z"}'
wise_sig = "wKcKCYXAzxNgiu7xmoDm943NUni7Rz33QN8JkEA9dWSGebgndonabgSj18Y4C08OrwVmueGsED2s00M7DtJVcYKOS1i3G4TMVx+mgM3aL9djMBkQtiYNBFUd6wrPI7ZUNHv/TrlKSjTMc+6JFvUvJ7owY3z85e3I4jLRLJowMFvO8kvCJ60+1pY9wDwZvtZ//WS93LrwGjk9Dvwzpmu0w+P4J75tETT5qC3Uv0y5G2yO8SEoO3yNP/tg/BOli02niHb53vEOUWUb9bly6thnfMoXoiV/osoGxgF20R58RlvkAmezyyl1Sv542TfS2DpiwVnmjjjkCyXeSUcKookYLQ=="
wise_sandbox_pem = b"""-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwpb91cEYuyJNQepZAVfP
ZIlPZfNUefH+n6w9SW3fykqKu938cR7WadQv87oF2VuT+fDt7kqeRziTmPSUhqPU
ys/V2Q1rlfJuXbE+Gga37t7zwd0egQ+KyOEHQOpcTwKmtZ81ieGHynAQzsn1We3j
wt760MsCPJ7GMT141ByQM+yW1Bx+4SG3IGjXWyqOWrcXsxAvIXkpUD/jK/L958Cg
nZEgz0BSEh0QxYLITnW1lLokSx/dTianWPFEhMC9BgijempgNXHNfcVirg1lPSyg
z7KqoKUN0oHqWLr2U1A+7kqrl6O2nx3CKs1bj1hToT1+p4kcMoHXA7kA+VBLUpEs
VwIDAQAB
-----END PUBLIC KEY-----
"""
# The published example verifies with the published sandbox key (asserted
# here, so a copying mistake cannot pass unnoticed).
serialization.load_pem_public_key(wise_sandbox_pem).verify(
    base64.b64decode(wise_sig), wise_body.encode(), padding.PKCS1v15(), hashes.SHA256())
wh = {"Content-Type": "application/json", "X-Signature-SHA256": wise_sig, "X-Delivery-Id": "2fd2ffc5-ef4d-4b6c-9d36-a0e4c8ba5a05"}
add("wise", "published-doc", WISE_EXAMPLE, "Wise's example delivery, route configured with environment sandbox (the embedded sandbox key); X-Delivery-Id made up (unsigned)", wh, wise_body, True, options={"environment": "sandbox"})
add("wise", "published-doc", WISE_EXAMPLE, "the same sandbox-signed delivery at a route left at the default environment (production key): must fail", wh, wise_body, False)
add("wise", "published-doc", WISE_EXAMPLE, "Wise's example with current_state changed after signing: must fail", wh, wise_body.replace("incoming_payment_waiting", "outgoing_payment_sent"), False, options={"environment": "sandbox"})
add("wise", "published-doc", WISE_EXAMPLE, "Wise's example signature sent only in the legacy X-Signature header: X-Signature-SHA256 is missing, must fail",
    {"Content-Type": "application/json", "X-Signature": wise_sig}, wise_body, False, options={"environment": "sandbox"})

key_path = os.path.join(HERE, "presets-d_wise_test_key.pem")
if not os.path.exists(key_path):
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with open(key_path, "wb") as f:
        f.write(k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
with open(key_path, "rb") as f:
    wkey = serialization.load_pem_private_key(f.read(), None)
wpub = base64.b64encode(wkey.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).decode()
body2 = '{"data":{"resource":{"id":1,"profile_id":2,"type":"balance-account"},"amount":12.5,"currency":"EUR","note":"Caf\u00e9 \u00a9"},"subscription_id":"01234567-89ab-cdef-0123-456789abcdef","event_type":"balances#credit","schema_version":"2.0.0","sent_at":"2024-05-01T10:00:00Z"}'
CW = "python3 cryptography: RSA PKCS#1 v1.5 SHA-256 of the raw body with a test key (presets-d_wise_test_key.pem), per " + WISE_DOC


def wsign(body, hash_alg=hashes.SHA256(), pad=None):
    return base64.b64encode(wkey.sign(body.encode(), pad or padding.PKCS1v15(), hash_alg)).decode()


s2 = wsign(body2)
add("wise", "computed", CW, "public_key configured (base64 DER) replaces the published key; non-ASCII body bytes signed as sent", {"X-Signature-SHA256": s2}, body2, True, public_key=wpub)
add("wise", "computed", CW, "the same delivery at a route with the published production key: must fail", {"X-Signature-SHA256": s2}, body2, False)
add("wise", "computed", CW, "signed with SHA-1 (the algorithm of the old X-Signature) in X-Signature-SHA256: must fail", {"X-Signature-SHA256": wsign(body2, hashes.SHA1())}, body2, False, public_key=wpub)
add("wise", "computed", CW, "signed with RSA-PSS instead of PKCS#1 v1.5: must fail",
    {"X-Signature-SHA256": wsign(body2, pad=padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32))}, body2, False, public_key=wpub)
add("wise", "computed", CW, "signature in base64url instead of base64: must fail",
    {"X-Signature-SHA256": s2.replace("+", "-").replace("/", "_")}, body2, "+" not in s2 and "/" not in s2, public_key=wpub)

# ---------------------------------------------------------------- apple_app_store
APPLE_LIB = "github.com/apple/app-store-server-library-python"
APPLE_SRC = APPLE_LIB + " tests/test_payload_verification.py with tests/resources/mock_signed_data/%s, root tests/resources/certs/testCA.der (SignedDataVerifier, online checks off)"
APPLE_DOC = "developer.apple.com/documentation/appstoreservernotifications/signedpayload; verification as " + APPLE_LIB + " appstoreserverlibrary/signed_data_verifier.py"

# Apple's test CA and test notifications, copied from the library (commit 8b5ccdc7).
APPLE_TEST_CA = base64.b64decode(
    "MIIBgjCCASmgAwIBAgIJALUc5ALiH5pbMAoGCCqGSM49BAMDMDYxCzAJBgNVBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRIwEAYDVQQHDAlDdXBlcnRpbm8wHhcNMjMwMTA1MjEzMDIyWhcNMzMwMTAyMjEzMDIyWjA2MQswCQYDVQQGEwJVUzETMBEGA1UECAwKQ2FsaWZvcm5pYTESMBAGA1UEBwwJQ3VwZXJ0aW5vMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEc+/Bl+gospo6tf9Z7io5tdKdrlN1YdVnqEhEDXDShzdAJPQijamXIMHf8xWWTa1zgoYTxOKpbuJtDplz1XriTaMgMB4wDAYDVR0TBAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZIzj0EAwMDRwAwRAIgemWQXnMAdTad2JDJWng9U4uBBL5mA7WI05H7oH7c6iQCIHiRqMjNfzUAyiu9h6rOU/K+iTR0I/3Y/NSWsXHX+acc")
assert hashlib.sha256(APPLE_TEST_CA).hexdigest() == "48aa70550eab2cd71d51dced44e88f9143b6bc0e1a6f430c19ba9a7cf36654e6"
TEST_NOTIFICATION = "eyJ4NWMiOlsiTUlJQm9EQ0NBVWFnQXdJQkFnSUJDekFLQmdncWhrak9QUVFEQWpCTk1Rc3dDUVlEVlFRR0V3SlZVekVUTUJFR0ExVUVDQXdLUTJGc2FXWnZjbTVwWVRFU01CQUdBMVVFQnd3SlEzVndaWEowYVc1dk1SVXdFd1lEVlFRS0RBeEpiblJsY20xbFpHbGhkR1V3SGhjTk1qTXdNVEEwTVRZek56TXhXaGNOTXpJeE1qTXhNVFl6TnpNeFdqQkZNUXN3Q1FZRFZRUUdFd0pWVXpFVE1CRUdBMVVFQ0F3S1EyRnNhV1p2Y201cFlURVNNQkFHQTFVRUJ3d0pRM1Z3WlhKMGFXNXZNUTB3Q3dZRFZRUUtEQVJNWldGbU1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRTRyV0J4R21GYm5QSVBRSTB6c0JLekx4c2o4cEQydnFicjB5UElTVXgyV1F5eG1yTnFsOWZoSzhZRUV5WUZWNysrcDVpNFlVU1Ivbzl1UUlnQ1BJaHJLTWZNQjB3Q1FZRFZSMFRCQUl3QURBUUJnb3Foa2lHOTJOa0Jnc0JCQUlUQURBS0JnZ3Foa2pPUFFRREFnTklBREJGQWlFQWtpRVprb0ZNa2o0Z1huK1E5alhRWk1qWjJnbmpaM2FNOE5ZcmdmVFVpdlFDSURKWVowRmFMZTduU0lVMkxXTFRrNXRYVENjNEU4R0pTWWYvc1lSeEVGaWUiLCJNSUlCbHpDQ0FUMmdBd0lCQWdJQkJqQUtCZ2dxaGtqT1BRUURBakEyTVFzd0NRWURWUVFHRXdKVlV6RVRNQkVHQTFVRUNBd0tRMkZzYVdadmNtNXBZVEVTTUJBR0ExVUVCd3dKUTNWd1pYSjBhVzV2TUI0WERUSXpNREV3TkRFMk1qWXdNVm9YRFRNeU1USXpNVEUyTWpZd01Wb3dUVEVMTUFrR0ExVUVCaE1DVlZNeEV6QVJCZ05WQkFnTUNrTmhiR2xtYjNKdWFXRXhFakFRQmdOVkJBY01DVU4xY0dWeWRHbHViekVWTUJNR0ExVUVDZ3dNU1c1MFpYSnRaV1JwWVhSbE1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRUZRM2xYMnNxTjlHSXdBaWlNUURRQy9reW5TZ1g0N1J3dmlET3RNWFh2eUtkUWU2Q1BzUzNqbzJ1UkR1RXFBeFdlT2lDcmpsRFdzeXo1d3dkVTBndGFxTWxNQ013RHdZRFZSMFRCQWd3QmdFQi93SUJBREFRQmdvcWhraUc5Mk5rQmdJQkJBSVRBREFLQmdncWhrak9QUVFEQWdOSUFEQkZBaUVBdm56TWNWMjY4Y1JiMS9GcHlWMUVoVDNXRnZPenJCVVdQNi9Ub1RoRmF2TUNJRmJhNXQ2WUt5MFIySkR0eHF0T2pKeTY2bDZWN2QvUHJBRE5wa21JUFcraSIsIk1JSUJYRENDQVFJQ0NRQ2ZqVFVHTERuUjlqQUtCZ2dxaGtqT1BRUURBekEyTVFzd0NRWURWUVFHRXdKVlV6RVRNQkVHQTFVRUNBd0tRMkZzYVdadmNtNXBZVEVTTUJBR0ExVUVCd3dKUTNWd1pYSjBhVzV2TUI0WERUSXpNREV3TkRFMk1qQXpNbG9YRFRNek1ERXdNVEUyTWpBek1sb3dOakVMTUFrR0ExVUVCaE1DVlZNeEV6QVJCZ05WQkFnTUNrTmhiR2xtYjNKdWFXRXhFakFRQmdOVkJBY01DVU4xY0dWeWRHbHViekJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCSFB2d1pmb0tMS2FPclgvV2U0cU9iWFNuYTVUZFdIVlo2aElSQTF3MG9jM1FDVDBJbzJwbHlEQjMvTVZsazJ0YzRLR0U4VGlxVzdpYlE2WmM5VjY0azB3Q2dZSUtvWkl6ajBFQXdNRFNBQXdSUUloQU1USGhXdGJBUU4waFN4SVhjUDRDS3JEQ0gvZ3N4V3B4NmpUWkxUZVorRlBBaUIzNW53azVxMHpjSXBlZnZZSjBNVS95R0dIU1dlejBicTBwRFlVTy9ubUR3PT0iXSwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ.eyJkYXRhIjp7ImFwcEFwcGxlSWQiOjEyMzQsImVudmlyb25tZW50IjoiU2FuZGJveCIsImJ1bmRsZUlkIjoiY29tLmV4YW1wbGUifSwibm90aWZpY2F0aW9uVVVJRCI6IjlhZDU2YmQyLTBiYzYtNDJlMC1hZjI0LWZkOTk2ZDg3YTFlNiIsInNpZ25lZERhdGUiOjE2ODEzMTQzMjQwMDAsIm5vdGlmaWNhdGlvblR5cGUiOiJURVNUIn0.VVXYwuNm2Y3XsOUva-BozqatRCsDuykA7xIe_CCRw6aIAAxJ1nb2sw871jfZ6dcgNhUuhoZ93hfbc1v_5zB7Og"
NOTE_NOW = 1681314324  # testNotification's signedDate, in seconds


WRONG_BUNDLE_ID = "eyJ4NWMiOlsiTUlJQm9EQ0NBVWFnQXdJQkFnSUJEREFLQmdncWhrak9QUVFEQXpCRk1Rc3dDUVlEVlFRR0V3SlZVekVMTUFrR0ExVUVDQXdDUTBFeEVqQVFCZ05WQkFjTUNVTjFjR1Z5ZEdsdWJ6RVZNQk1HQTFVRUNnd01TVzUwWlhKdFpXUnBZWFJsTUI0WERUSXpNREV3TlRJeE16RXpORm9YRFRNek1ERXdNVEl4TXpFek5Gb3dQVEVMTUFrR0ExVUVCaE1DVlZNeEN6QUpCZ05WQkFnTUFrTkJNUkl3RUFZRFZRUUhEQWxEZFhCbGNuUnBibTh4RFRBTEJnTlZCQW9NQkV4bFlXWXdXVEFUQmdjcWhrak9QUUlCQmdncWhrak9QUU1CQndOQ0FBVGl0WUhFYVlWdWM4ZzlBalRPd0VyTXZHeVB5a1BhK3B1dlRJOGhKVEhaWkRMR2FzMnFYMStFcnhnUVRKZ1ZYdjc2bm1MaGhSSkgrajI1QWlBSThpR3NveTh3TFRBSkJnTlZIUk1FQWpBQU1BNEdBMVVkRHdFQi93UUVBd0lIZ0RBUUJnb3Foa2lHOTJOa0Jnc0JCQUlGQURBS0JnZ3Foa2pPUFFRREF3TklBREJGQWlCWDRjK1QwRnA1bko1UVJDbFJmdTVQU0J5UnZOUHR1YVRzazB2UEIzV0FJQUloQU5nYWF1QWovWVA5czBBa0VoeUpoeFFPLzZRMnpvdVorSDFDSU9laG5NelEiLCJNSUlCbnpDQ0FVV2dBd0lCQWdJQkN6QUtCZ2dxaGtqT1BRUURBekEyTVFzd0NRWURWUVFHRXdKVlV6RVRNQkVHQTFVRUNBd0tRMkZzYVdadmNtNXBZVEVTTUJBR0ExVUVCd3dKUTNWd1pYSjBhVzV2TUI0WERUSXpNREV3TlRJeE16RXdOVm9YRFRNek1ERXdNVEl4TXpFd05Wb3dSVEVMTUFrR0ExVUVCaE1DVlZNeEN6QUpCZ05WQkFnTUFrTkJNUkl3RUFZRFZRUUhEQWxEZFhCbGNuUnBibTh4RlRBVEJnTlZCQW9NREVsdWRHVnliV1ZrYVdGMFpUQlpNQk1HQnlxR1NNNDlBZ0VHQ0NxR1NNNDlBd0VIQTBJQUJCVU41VjlyS2pmUmlNQUlvakVBMEF2NU1wMG9GK08wY0w0Z3pyVEYxNzhpblVIdWdqN0V0NDZOcmtRN2hLZ01WbmpvZ3E0NVExck1zK2NNSFZOSUxXcWpOVEF6TUE4R0ExVWRFd1FJTUFZQkFmOENBUUF3RGdZRFZSMFBBUUgvQkFRREFnRUdNQkFHQ2lxR1NJYjNZMlFHQWdFRUFnVUFNQW9HQ0NxR1NNNDlCQU1EQTBnQU1FVUNJUUNtc0lLWXM0MXVsbHNzSFg0clZ2ZVVUMFo3SXM1L2hMSzFsRlBUdHVuM2hBSWdjMisyUkc1K2dOY0ZWY3MrWEplRWw0R1orb2psM1JPT21sbCt5ZTdkeW5RPSIsIk1JSUJnakNDQVNtZ0F3SUJBZ0lKQUxVYzVBTGlINXBiTUFvR0NDcUdTTTQ5QkFNRE1EWXhDekFKQmdOVkJBWVRBbFZUTVJNd0VRWURWUVFJREFwRFlXeHBabTl5Ym1saE1SSXdFQVlEVlFRSERBbERkWEJsY25ScGJtOHdIaGNOTWpNd01UQTFNakV6TURJeVdoY05Nek13TVRBeU1qRXpNREl5V2pBMk1Rc3dDUVlEVlFRR0V3SlZVekVUTUJFR0ExVUVDQXdLUTJGc2FXWnZjbTVwWVRFU01CQUdBMVVFQnd3SlEzVndaWEowYVc1dk1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRWMrL0JsK2dvc3BvNnRmOVo3aW81dGRLZHJsTjFZZFZucUVoRURYRFNoemRBSlBRaWphbVhJTUhmOHhXV1RhMXpnb1lUeE9LcGJ1SnREcGx6MVhyaVRhTWdNQjR3REFZRFZSMFRCQVV3QXdFQi96QU9CZ05WSFE4QkFmOEVCQU1DQVFZd0NnWUlLb1pJemowRUF3TURSd0F3UkFJZ2VtV1FYbk1BZFRhZDJKREpXbmc5VTR1QkJMNW1BN1dJMDVIN29IN2M2aVFDSUhpUnFNak5melVBeWl1OWg2ck9VL0sraVRSMEkvM1kvTlNXc1hIWCthY2MiXSwidHlwIjoiSldUIiwiYWxnIjoiRVMyNTYifQ.eyJkYXRhIjp7ImJ1bmRsZUlkIjoiY29tLmV4YW1wbGUud3JvbmcifSwibm90aWZpY2F0aW9uVVVJRCI6IjlhZDU2YmQyLTBiYzYtNDJlMC1hZjI0LWZkOTk2ZDg3YTFlNiIsIm5vdGlmaWNhdGlvblR5cGUiOiJURVNUIn0.WWE31hTB_mcv2O_lf-xI-MNY3d8txc0MzpqFx4QnYDfFIxB95Lo2Fm3r46YSjLLdL7xCWdEJrJP5bHgRCejAGg"
MISSING_X5C = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiIsIng1Y3dyb25nIjpbIk1JSUJvRENDQVVhZ0F3SUJBZ0lCRERBS0JnZ3Foa2pPUFFRREF6QkZNUXN3Q1FZRFZRUUdFd0pWVXpFTE1Ba0dBMVVFQ0F3Q1EwRXhFakFRQmdOVkJBY01DVU4xY0dWeWRHbHViekVWTUJNR0ExVUVDZ3dNU1c1MFpYSnRaV1JwWVhSbE1CNFhEVEl6TURFd05USXhNekV6TkZvWERUTXpNREV3TVRJeE16RXpORm93UFRFTE1Ba0dBMVVFQmhNQ1ZWTXhDekFKQmdOVkJBZ01Ba05CTVJJd0VBWURWUVFIREFsRGRYQmxjblJwYm04eERUQUxCZ05WQkFvTUJFeGxZV1l3V1RBVEJnY3Foa2pPUFFJQkJnZ3Foa2pPUFFNQkJ3TkNBQVRpdFlIRWFZVnVjOGc5QWpUT3dFck12R3lQeWtQYStwdXZUSThoSlRIWlpETEdhczJxWDErRXJ4Z1FUSmdWWHY3Nm5tTGhoUkpIK2oyNUFpQUk4aUdzb3k4d0xUQUpCZ05WSFJNRUFqQUFNQTRHQTFVZER3RUIvd1FFQXdJSGdEQVFCZ29xaGtpRzkyTmtCZ3NCQkFJRkFEQUtCZ2dxaGtqT1BRUURBd05JQURCRkFpQlg0YytUMEZwNW5KNVFSQ2xSZnU1UFNCeVJ2TlB0dWFUc2swdlBCM1dBSUFJaEFOZ2FhdUFqL1lQOXMwQWtFaHlKaHhRTy82UTJ6b3VaK0gxQ0lPZWhuTXpRIiwiTUlJQm56Q0NBVVdnQXdJQkFnSUJDekFLQmdncWhrak9QUVFEQXpBMk1Rc3dDUVlEVlFRR0V3SlZVekVUTUJFR0ExVUVDQXdLUTJGc2FXWnZjbTVwWVRFU01CQUdBMVVFQnd3SlEzVndaWEowYVc1dk1CNFhEVEl6TURFd05USXhNekV3TlZvWERUTXpNREV3TVRJeE16RXdOVm93UlRFTE1Ba0dBMVVFQmhNQ1ZWTXhDekFKQmdOVkJBZ01Ba05CTVJJd0VBWURWUVFIREFsRGRYQmxjblJwYm04eEZUQVRCZ05WQkFvTURFbHVkR1Z5YldWa2FXRjBaVEJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSEEwSUFCQlVONVY5cktqZlJpTUFJb2pFQTBBdjVNcDBvRitPMGNMNGd6clRGMTc4aW5VSHVnajdFdDQ2TnJrUTdoS2dNVm5qb2dxNDVRMXJNcytjTUhWTklMV3FqTlRBek1BOEdBMVVkRXdRSU1BWUJBZjhDQVFBd0RnWURWUjBQQVFIL0JBUURBZ0VHTUJBR0NpcUdTSWIzWTJRR0FnRUVBZ1VBTUFvR0NDcUdTTTQ5QkFNREEwZ0FNRVVDSVFDbXNJS1lzNDF1bGxzc0hYNHJWdmVVVDBaN0lzNS9oTEsxbEZQVHR1bjNoQUlnYzIrMlJHNStnTmNGVmNzK1hKZUVsNEdaK29qbDNST09tbGwreWU3ZHluUT0iLCJNSUlCZ2pDQ0FTbWdBd0lCQWdJSkFMVWM1QUxpSDVwYk1Bb0dDQ3FHU000OUJBTURNRFl4Q3pBSkJnTlZCQVlUQWxWVE1STXdFUVlEVlFRSURBcERZV3hwWm05eWJtbGhNUkl3RUFZRFZRUUhEQWxEZFhCbGNuUnBibTh3SGhjTk1qTXdNVEExTWpFek1ESXlXaGNOTXpNd01UQXlNakV6TURJeVdqQTJNUXN3Q1FZRFZRUUdFd0pWVXpFVE1CRUdBMVVFQ0F3S1EyRnNhV1p2Y201cFlURVNNQkFHQTFVRUJ3d0pRM1Z3WlhKMGFXNXZNRmt3RXdZSEtvWkl6ajBDQVFZSUtvWkl6ajBEQVFjRFFnQUVjKy9CbCtnb3NwbzZ0ZjlaN2lvNXRkS2RybE4xWWRWbnFFaEVEWERTaHpkQUpQUWlqYW1YSU1IZjh4V1dUYTF6Z29ZVHhPS3BidUp0RHBsejFYcmlUYU1nTUI0d0RBWURWUjBUQkFVd0F3RUIvekFPQmdOVkhROEJBZjhFQkFNQ0FRWXdDZ1lJS29aSXpqMEVBd01EUndBd1JBSWdlbVdRWG5NQWRUYWQySkRKV25nOVU0dUJCTDVtQTdXSTA1SDdvSDdjNmlRQ0lIaVJxTWpOZnpVQXlpdTloNnJPVS9LK2lUUjBJLzNZL05TV3NYSFgrYWNjIl19.eyJkYXRhIjp7ImJ1bmRsZUlkIjoiY29tLmV4YW1wbGUifSwibm90aWZpY2F0aW9uVVVJRCI6IjlhZDU2YmQyLTBiYzYtNDJlMC1hZjI0LWZkOTk2ZDg3YTFlNiIsIm5vdGlmaWNhdGlvblR5cGUiOiJURVNUIn0.1TFhjDR4WwQJNgizVGYXz3WE3ajxTdH1wKLQQ71MtrkadSxxOo3yPo_6L9Z03unIU7YK-NRNzSIb5bh5WqTprQ"


def apple_body(jws):
    return json.dumps({"signedPayload": jws}, separators=(",", ":"))


AH = {"Content-Type": "application/json"}
sandbox = {"bundle_id": "com.example", "environment": "Sandbox"}
add("apple_app_store", "sdk-test", APPLE_SRC % "testNotification", "test_app_store_server_notification_decoding: Sandbox, bundle com.example, Apple's test CA trusted by the test hook", AH, apple_body(TEST_NOTIFICATION), True, options=sandbox, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_SRC % "testNotification", "the same notification judged a year later: the chain is checked at signedDate, not now (online checks off)", AH, apple_body(TEST_NOTIFICATION), True, options=sandbox, now=NOTE_NOW + 365 * 86400)
add("apple_app_store", "sdk-test", APPLE_SRC % "testNotification", "test_app_store_server_notification_decoding_production: a Sandbox notification at a Production route, INVALID_ENVIRONMENT: must fail", AH, apple_body(TEST_NOTIFICATION), False, options={"bundle_id": "com.example", "app_apple_id": "1234"}, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_SRC % "testNotification", "test_wrong_app_apple_id_for_server_notification: Production, app_apple_id 1235, INVALID_APP_IDENTIFIER: must fail", AH, apple_body(TEST_NOTIFICATION), False, options={"bundle_id": "com.example", "app_apple_id": "1235", "environment": "Production"}, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_SRC % "testNotification", "test_wrong_bundle_id_for_server_notification with the bundle ID com.examplex configured, INVALID_APP_IDENTIFIER: must fail", AH, apple_body(TEST_NOTIFICATION), False, options={"bundle_id": "com.examplex", "environment": "Sandbox"}, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_SRC % "wrongBundleId", "test_wrong_bundle_id_for_server_notification: route for com.examplex, INVALID_APP_IDENTIFIER: must fail", AH, apple_body(WRONG_BUNDLE_ID), False, options={"bundle_id": "com.examplex", "environment": "Sandbox"}, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_SRC % "missingX5CHeaderClaim", "test_missing_x5c_header: must fail", AH, apple_body(MISSING_X5C), False, options=sandbox, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_LIB + " tests/test_payload_verification.py::test_malformed_jwt_with_too_many_parts", "signedPayload a.b.c.d: must fail", AH, apple_body("a.b.c.d"), False, options=sandbox, now=NOTE_NOW)
add("apple_app_store", "sdk-test", APPLE_LIB + " tests/test_payload_verification.py::test_malformed_jwt_with_malformed_data", "signedPayload a.b.c: must fail", AH, apple_body("a.b.c"), False, options=sandbox, now=NOTE_NOW)


# Our own chain, shaped like Apple's, every key derived from a fixed number.
def eckey(n):
    return ec.derive_private_key(n, ec.SECP256R1())


LEAF_OID = x509.ObjectIdentifier("1.2.840.113635.100.6.11.1")
INTER_OID = x509.ObjectIdentifier("1.2.840.113635.100.6.2.1")
T0 = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
T1 = datetime.datetime(2034, 1, 1, tzinfo=datetime.timezone.utc)


def cert(subject, key, issuer, issuer_key, ca, oid=None, serial=1, not_before=T0, not_after=T1):
    b = (x509.CertificateBuilder()
         .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
         .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
         .public_key(key.public_key()).serial_number(serial)
         .not_valid_before(not_before).not_valid_after(not_after)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=0 if ca and subject != issuer else None), critical=True))
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
    if oid is not None:
        b = b.add_extension(x509.UnrecognizedExtension(oid, b"\x05\x00"), critical=False)
    return b.sign(issuer_key, hashes.SHA256(), ecdsa_deterministic=True)


root_k, inter_k, leaf_k = eckey(0x1001), eckey(0x1002), eckey(0x1003)
ROOT = cert("presets-d test root", root_k, "presets-d test root", root_k, True, serial=1)
INTER = cert("presets-d test intermediate", inter_k, "presets-d test root", root_k, True, INTER_OID, serial=2)
LEAF = cert("presets-d test leaf", leaf_k, "presets-d test intermediate", inter_k, False, LEAF_OID, serial=3)
INTER_NO_OID = cert("presets-d test intermediate", inter_k, "presets-d test root", root_k, True, None, serial=4)
LEAF_NO_OID = cert("presets-d test leaf", leaf_k, "presets-d test intermediate", inter_k, False, None, serial=5)
LEAF_SHORT = cert("presets-d test leaf", leaf_k, "presets-d test intermediate", inter_k, False, LEAF_OID, serial=6,
                  not_after=datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc))
other_root_k = eckey(0x2001)
OTHER_ROOT = cert("presets-d test root", other_root_k, "presets-d test root", other_root_k, True, serial=7)
OTHER_INTER = cert("presets-d test intermediate", inter_k, "presets-d test root", other_root_k, True, INTER_OID, serial=8)


def der64(c):
    return base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode()


def jws(payload, chain=(LEAF, INTER, ROOT), key=leaf_k, alg="ES256", der_sig=False, header=None):
    h = header if header is not None else json.dumps({"alg": alg, "x5c": [der64(c) for c in chain]}, separators=(",", ":"))
    p = payload if isinstance(payload, str) else json.dumps(payload, separators=(",", ":"))
    inp = b64u(h.encode()) + "." + b64u(p.encode())
    sig = key.sign(inp.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    if not der_sig:
        r, s = decode_dss_signature(sig)
        sig = r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return inp + "." + b64u(sig)


SIGNED_MS = 1714557600000  # 2024-05-01T10:00:00Z
NOW = SIGNED_MS // 1000
prod = {"bundle_id": "com.example.hookgate", "app_apple_id": "1234567890"}


def payload(**over):
    p = {"notificationType": "DID_RENEW", "subtype": "BILLING_RECOVERY",
         "notificationUUID": "002e14d5-51f5-4503-b5a8-c3a1af68eb20",
         "data": {"appAppleId": 1234567890, "bundleId": "com.example.hookgate", "bundleVersion": "42",
                  "environment": "Production", "signedTransactionInfo": "(not verified by the gate)", "status": 1},
         "version": "2.0", "signedDate": SIGNED_MS}
    for k, v in over.items():
        if k.startswith("data_"):
            p["data"][k[5:]] = v
        else:
            p[k] = v
    return p


CA = "python3 cryptography: root, intermediate (1.2.840.113635.100.6.2.1) and leaf (1.2.840.113635.100.6.11.1) made with fixed P-256 keys, ES256 over the compact JWS (RFC 6979), per " + APPLE_DOC
good = jws(payload())
add("apple_app_store", "computed", CA, "Production notification for com.example.hookgate / 1234567890 signed by a test chain whose root the test hook trusts", AH, apple_body(good), True, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "the same with environment configured as Sandbox: must fail (INVALID_ENVIRONMENT)", AH, apple_body(good), False, options={"bundle_id": "com.example.hookgate", "environment": "Sandbox"}, now=NOW)
add("apple_app_store", "computed", CA, "another app_apple_id configured: must fail (INVALID_APP_IDENTIFIER)", AH, apple_body(good), False, options={"bundle_id": "com.example.hookgate", "app_apple_id": "1234567891"}, now=NOW)
add("apple_app_store", "computed", CA, "leaf without Apple's leaf marker 1.2.840.113635.100.6.11.1: must fail", AH, apple_body(jws(payload(), chain=(LEAF_NO_OID, INTER, ROOT))), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "intermediate without Apple's intermediate marker 1.2.840.113635.100.6.2.1: must fail", AH, apple_body(jws(payload(), chain=(LEAF, INTER_NO_OID, ROOT))), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "x5c with two certificates (leaf, intermediate): INVALID_CHAIN_LENGTH, must fail", AH, apple_body(jws(payload(), chain=(LEAF, INTER))), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "chain to a root the gate does not trust (same names, other key): must fail", AH, apple_body(jws(payload(), chain=(LEAF, OTHER_INTER, OTHER_ROOT))), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "the third x5c certificate is not used (Apple's library ignores it): another root there still verifies", AH, apple_body(jws(payload(), chain=(LEAF, INTER, OTHER_ROOT))), True, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "leaf expired 2025-01-01, signedDate 2024-05-01, judged in 2026: valid (checked at signedDate)", AH, apple_body(jws(payload(), chain=(LEAF_SHORT, INTER, ROOT))), True, options=prod, now=1767225600)
add("apple_app_store", "computed", CA, "leaf expired 2025-01-01 and signedDate 2025-06-01: must fail", AH, apple_body(jws(payload(signedDate=1748736000000), chain=(LEAF_SHORT, INTER, ROOT))), False, options=prod, now=1748736000)
add("apple_app_store", "computed", CA, "signature in ASN.1 DER instead of JWS r||s: must fail", AH, apple_body(jws(payload(), der_sig=True)), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "alg ES384 in the header (signed with ES256 anyway): must fail", AH, apple_body(jws(payload(), alg="ES384")), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "signed by the intermediate's key instead of the leaf's: must fail", AH, apple_body(jws(payload(), key=inter_k)), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "notification for another bundleId: must fail", AH, apple_body(jws(payload(data_bundleId="com.example.other"))), False, options=prod, now=NOW)
parts = good.split(".")
forged = json.dumps(payload(data_bundleId="com.example.hookgate", notificationType="REFUND"), separators=(",", ":"))
add("apple_app_store", "computed", CA, "payload swapped for another (notificationType REFUND) under the original signature: must fail", AH, apple_body(parts[0] + "." + b64u(forged.encode()) + "." + parts[2]), False, options=prod, now=NOW)
dup = '{"notificationType":"DID_RENEW","notificationUUID":"002e14d5-51f5-4503-b5a8-c3a1af68eb20","data":{"appAppleId":1234567890,"bundleId":"com.example.other","bundleId":"com.example.hookgate","environment":"Production"},"version":"2.0","signedDate":%d}' % SIGNED_MS
add("apple_app_store", "computed", CA, "validly signed payload with a duplicate bundleId key (parsers disagree on which wins): must fail", AH, apple_body(jws(dup)), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "body with a second, unsigned member besides signedPayload: must fail", AH, json.dumps({"signedPayload": good, "notificationType": "REFUND"}, separators=(",", ":")), False, options=prod, now=NOW)
add("apple_app_store", "computed", CA, "body pretty-printed around the same signedPayload: valid (the JWS is what is signed)", AH, json.dumps({"signedPayload": good}, indent=2) + "\n", True, options=prod, now=NOW)
summary = payload()
del summary["data"]
summary["summary"] = {"appAppleId": 1234567890, "bundleId": "com.example.hookgate", "environment": "Production", "requestIdentifier": "r1", "succeededCount": 5}
add("apple_app_store", "computed", CA, "RENEWAL_EXTENSION summary instead of data: bundleId, appAppleId and environment read from summary", AH, apple_body(jws(summary)), True, options=prod, now=NOW)

with open(os.path.join(HERE, "presets-d.jsonl"), "w") as f:
    for d in lines:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
with open(os.path.join(HERE, "presets-d_appstore_roots.pem"), "w") as f:
    f.write("# Roots the apple_app_store vectors are signed under, trusted only by the Go tests' hook\n")
    f.write("# (verifiers/export_presets-d_test.go). 1: Apple's test CA from " + APPLE_LIB + "\n")
    f.write("# tests/resources/certs/testCA.der; 2: the test root made by generate_presets-d.py.\n")
    f.write(x509.load_der_x509_certificate(APPLE_TEST_CA).public_bytes(serialization.Encoding.PEM).decode())
    f.write(ROOT.public_bytes(serialization.Encoding.PEM).decode())
counts = {}
for d in lines:
    counts[d["provider"]] = counts.get(d["provider"], 0) + 1
print(counts)
