// Node's JSON.parse reading of each base64 body on stdin (see read_json.py).
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
function flat(v, path, out) {
  if (Array.isArray(v)) v.forEach((x, i) => flat(x, [...path, "i:" + i], out));
  else if (v !== null && typeof v === "object") for (const k of Object.keys(v)) flat(v[k], [...path, "k:" + k], out);
  else if (typeof v === "string") out.push([path, "s", v]);
  else if (typeof v === "number" && Number.isSafeInteger(v)) out.push([path, "i", String(v)]);
}
const res = input.map((b) => {
  let v;
  try {
    v = JSON.parse(Buffer.from(b, "base64").toString("utf8"));
  } catch (e) {
    return null;
  }
  const out = [];
  flat(v, [], out);
  return out;
});
process.stdout.write(JSON.stringify(res));
