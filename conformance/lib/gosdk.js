'use strict';
// goVerify hands a delivery to the providers' own Go SDKs through
// go/sdkverify (a module of its own, built once per run with `go build`).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { scratchDir } = require('./sign');

let binary = null;

function build() {
  if (binary) return binary;
  const out = path.join(scratchDir(), 'sdkverify');
  execFileSync('go', ['build', '-o', out, '.'], { cwd: path.join(__dirname, '..', 'go'), stdio: ['ignore', 'inherit', 'inherit'] });
  binary = out;
  return binary;
}

// goVerify is true when the provider's Go SDK accepts d (sent to url).
function goVerify(provider, secret, d, url) {
  const headers = {};
  for (const [k, v] of Object.entries(d.headers)) headers[k] = [].concat(v).map(String);
  const input = JSON.stringify({ provider, secret, method: d.method || 'POST', url, headers, body: Buffer.from(d.body).toString('base64') });
  const out = JSON.parse(execFileSync(build(), [], { input }).toString());
  if (!out.ok) throw new Error(out.error);
  return true;
}

module.exports = { goVerify };
