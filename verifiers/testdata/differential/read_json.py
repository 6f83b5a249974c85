# Reads a JSON array of base64 bodies on stdin; prints, for each, null when
# Python's json refuses it, else the strings and integers it reads as
# [path, kind, value] with path segments "k:<key>" or "i:<index>".
import base64, json, sys

def flat(v, path, out):
    if isinstance(v, dict):
        for k, x in v.items():
            flat(x, path + ["k:" + k], out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            flat(x, path + ["i:%d" % i], out)
    elif isinstance(v, bool):
        pass
    elif isinstance(v, str):
        out.append([path, "s", v])
    elif isinstance(v, int):
        out.append([path, "i", str(v)])

res = []
for b in json.load(sys.stdin):
    try:
        v = json.loads(base64.b64decode(b))
    except Exception:
        res.append(None)
        continue
    out = []
    flat(v, [], out)
    res.append(out)
json.dump(res, sys.stdout)
