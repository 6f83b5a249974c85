"""Writes authorize_net.jsonl: the one real Authorize.Net webhook delivery
published with its Signature Key, body and X-ANET-Signature, and negatives
derived from it. Python 3 standard library only; independent of the Go code
under test. It asserts the published header before writing anything.

Source: Authorize.Net developer community (community.developer.cybersource.com),
Integration and Testing board, thread 88640 "The verification of the webhook
signature is contingent on the value of authAmount" (Mathew312, sandbox).
The thread quotes the Signature Key, the body as the poster's framework
re-serialised it ("authAmount":1.1) and the x-anet-signature header, and
shows that the header is the HMAC of the body with "authAmount":1.10, the
bytes Authorize.Net sent (the accepted answer: keep the raw body).
"""
import hashlib, hmac, json

SOURCE = ("https://community.developer.cybersource.com/t5/Integration-and-Testing/"
          "The-verification-of-the-webhook-signature-is-contingent-on-the/td-p/88640")
KEY = "A6214F6105625D5ED957CF02E749BB440DBD4E418533D219CAD26AECD104BFFE7F47DBBE5C81927CCA484AE7722BE82CE57FB5318EDE02122277A2FE90EE68EB"
HEADER = "sha512=8E3D41B0191A9A1E668FB729F350B73C6BBB81D676070FE7CFF001CA2543ABA91BD16A4374A0F6FA4542659728C7DAF79D7EC901FEC582FC2DA3263A2D604DCF"
QUOTED = ('{"notificationId":"570f7282-687a-42b7-903b-48e487d7694d","eventType":"net.authorize.payment.authcapture.created",'
          '"eventDate":"2023-12-12T12:45:09.3492643Z","webhookId":"a585ea29-a370-495a-bd83-f9be7160f260","payload":'
          '{"responseCode":1,"avsResponse":"P","authAmount":1.1,"merchantReferenceId":"2M4zHFzshYBudvgIZ11B","entityName":"transaction","id":"120011377052"}}')
SENT = QUOTED.replace('"authAmount":1.1,', '"authAmount":1.10,')
assert SENT != QUOTED


def sig(key: bytes, body: str) -> str:
    return "sha512=" + hmac.new(key, body.encode(), hashlib.sha512).hexdigest().upper()


# The published header is the HMAC of the body as sent, keyed by the Signature
# Key's characters (not hex-decoded), in upper-case hex behind "sha512=".
assert sig(KEY.encode(), SENT) == HEADER
assert sig(bytes.fromhex(KEY), SENT) != HEADER
# The poster's own hash of the re-serialised body, as quoted in the thread.
assert sig(KEY.encode(), QUOTED).startswith("sha512=0B031880F04DD8D6C98F06A234032575B19393716F7FCE84C62D4901F257D29808DF520CEFCD0225")

lines = []


def add(body, header, valid, notes, secret=KEY, kind="published-forum"):
    lines.append({"provider": "authorize_net", "kind": kind, "source": SOURCE, "notes": notes,
                  "secret": secret, "headers": {"Content-Type": "application/json", "X-ANET-Signature": header},
                  "body": body, "url": None, "expected_valid": valid})


add(SENT, HEADER, True, "the real delivery: the x-anet-signature header and Signature Key quoted in the thread, "
    "the body with authAmount 1.10 as Authorize.Net sent it (the header is its HMAC-SHA512, key = the Signature Key's characters)")
add(QUOTED, HEADER, False, "the same header over the body as the poster's JSON library re-serialised it "
    "(authAmount 1.1): not the bytes signed, refused", kind="published-forum")
add(SENT, HEADER, False, "the Signature Key with its letters lower-cased: the key is used as its characters, "
    "so another spelling is another key", secret=KEY.lower(), kind="computed")
add(SENT, HEADER[len("sha512="):], False, "the header without its sha512= prefix: Authorize.Net always sends it", kind="computed")
add(SENT, sig(bytes.fromhex(KEY), SENT), False, "signed with the hex-decoded Signature Key (what some third-party "
    "code does): not what Authorize.Net sends, refused", kind="computed")

with open("authorize_net.jsonl", "w") as f:
    for d in lines:
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
print(len(lines))
