'use strict';
// Every case, from every file in this directory. A case:
//   id       unique; the route is /c/<id>
//   preset   the webhook_verify preset under test
//   package  the provider's package: "npm:<name>" or "go:<module>"
//   mode     "sdk-signs": sign() signs with the provider's code;
//            "sdk-verifies": sign() signs with `caddy webhook sign` and
//            verify() is the provider's verifier, which must accept it
//            and refuse one changed body byte
//   vectors  true when the delivery is the package's own published test
//            vector (from its tests or docs)
//   route(base)        the webhook_verify lines (secret, options, ...)
//   routePath          optional: the route's path instead of /c/<id> (for
//                      vectors signed over a URL with a path of their own)
//   sign(ctx)          { method, path, headers, body } for ctx = { base, path, url }
//   verify(d, ctx)     sdk-verifies only: true when the SDK accepts d
//   tamper(d)          optional: the changed delivery (default: one body byte)
//   expect             optional "refused": the SDK's verifier refuses this
//                      delivery, and so must the gate (never delivered)
const fs = require('node:fs');
const path = require('node:path');

const cases = [];
for (const f of fs.readdirSync(__dirname).sort()) {
  if (f === 'index.js' || !f.endsWith('.js')) continue;
  for (const c of require(path.join(__dirname, f))) cases.push({ file: f, ...c });
}
module.exports = cases;
