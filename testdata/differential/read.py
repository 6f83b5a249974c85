"""Reads webhook bodies the way a Python app would (json.loads,
urllib.parse.parse_qsl) and prints each one's reading in the canonical
form shared by read.js, read.php and the Go differential test.

Input (stdin), one JSON object a line: {"kind": "json"|"form"|"query", "data": base64}
(a query is read like a form, from the URL).
Output (stdout), one line each: {"ok": canonical} or {"error": text}.
Canonical: objects are {"obj": [[key, value], ...]} as the parser kept
them (its own rule for duplicates; the Go test sorts them); numbers are
{"f64": hex of the IEEE 754 double} or {"f64": "inf"}; forms are
[[name, value], ...] in order. A string that is not valid UTF-8 (only PHP
keeps such bytes) is {"bytes": hex}.

JSON is read from the raw bytes as Flask and Django do (json.loads(bytes):
a UTF-8 BOM is skipped, invalid UTF-8 is an error); a form is decoded with
replacement characters, as Werkzeug and parse_qsl themselves do.
"""
import base64
import json
import struct
import sys
import urllib.parse


def canon(v):
    if isinstance(v, dict):
        return {"obj": [[k, canon(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return [canon(x) for x in v]
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    try:
        f = float(v)
    except OverflowError:
        return {"f64": "inf"}
    if f in (float("inf"), float("-inf")) or f != f:
        return {"f64": "inf"}
    return {"f64": struct.pack(">d", f).hex()}


def read(kind, data):
    if kind == "json":
        return canon(json.loads(data))
    text = data.decode("utf-8", "replace")
    return [[k, v] for k, v in urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=False)]


for line in sys.stdin:
    req = json.loads(line)
    try:
        out = {"ok": read(req["kind"], base64.b64decode(req["data"]))}
    except Exception as e:  # any refusal is a reading of its own
        out = {"error": type(e).__name__}
    sys.stdout.write(json.dumps(out, ensure_ascii=True) + "\n")
