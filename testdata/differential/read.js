// Reads webhook bodies the way a Node app would (JSON.parse,
// URLSearchParams); same protocol and canonical form as read.py. The body
// is decoded as Express's body-parser does (iconv-lite): a UTF-8 BOM is
// dropped and invalid UTF-8 becomes replacement characters.
"use strict";
const readline = require("readline");

function canon(v) {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === "object") {
    return { obj: Object.keys(v).map((k) => [k, canon(v[k])]) };
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { f64: "inf" };
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return { f64: b.toString("hex") };
  }
  return v;
}

function read(kind, data) {
  // A query string comes from the URL, where no BOM is stripped.
  const text = new TextDecoder("utf-8", { ignoreBOM: kind === "query" }).decode(data);
  if (kind === "json") return canon(JSON.parse(text));
  return Array.from(new URLSearchParams(text).entries());
}

const rl = readline.createInterface({ input: process.stdin });
rl.on("line", (line) => {
  const req = JSON.parse(line);
  let out;
  try {
    out = { ok: read(req.kind, Buffer.from(req.data, "base64")) };
  } catch (e) {
    out = { error: e.name };
  }
  process.stdout.write(JSON.stringify(out) + "\n");
});
