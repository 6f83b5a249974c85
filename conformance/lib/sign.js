'use strict';
// caddySign signs a delivery with the repository's own CLI,
// `caddy webhook sign`, for the cases where the provider's SDK only
// verifies.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

let binary = null;
let scratch = null;

function setCaddy(bin, dir) {
  binary = bin;
  scratch = dir;
}

// caddySign returns { headers, body, url } as `caddy webhook sign` prints
// them: the headers (an object of name: value or [values]), the body to
// send (the given one unless the scheme rewrote it) and the signed URL.
function caddySign({ provider, secret, body, url, options = {}, time, id, publicKeys = [], headers = [] }) {
  if (!binary) throw new Error('caddySign: no caddy binary set');
  const n = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const secretFile = path.join(scratch, `secret-${n}`);
  const bodyFile = path.join(scratch, `body-${n}`);
  fs.writeFileSync(secretFile, secret);
  fs.writeFileSync(bodyFile, body);
  const args = ['webhook', 'sign', '--provider', provider, '--secret-file', secretFile, '--body', bodyFile];
  if (url) args.push('--url', url);
  if (time !== undefined) args.push('--time', String(time));
  if (id) args.push('--id', id);
  for (const k of publicKeys) args.push('--public-key', k);
  for (const [k, v] of Object.entries(options)) args.push('--option', `${k}=${v}`);
  for (const h of headers) args.push('--header', h);
  let out;
  try {
    out = execFileSync(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString('latin1');
  } finally {
    fs.rmSync(secretFile, { force: true });
    fs.rmSync(bodyFile, { force: true });
  }
  const result = { headers: {}, body: Buffer.from(body), url };
  const lines = out.split('\n');
  let i = 0;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const line = lines[i];
    if (line.startsWith('# signed URL: ')) { result.url = line.slice('# signed URL: '.length); continue; }
    if (line.startsWith('#')) continue;
    const at = line.indexOf(': ');
    const name = line.slice(0, at);
    const value = line.slice(at + 2);
    if (name in result.headers) result.headers[name] = [].concat(result.headers[name], value);
    else result.headers[name] = value;
  }
  if (i < lines.length - 1) {
    // the scheme rewrote the body: it follows the blank line, with one
    // newline added when it did not end in one
    let rest = out.slice(lines.slice(0, i + 1).join('\n').length + 1);
    if (rest.endsWith('\n') && !Buffer.from(body).toString('latin1').endsWith('\n')) rest = rest.slice(0, -1);
    result.body = Buffer.from(rest, 'latin1');
  }
  return result;
}

function scratchDir() {
  if (!scratch) throw new Error('no scratch directory set');
  return scratch;
}

module.exports = { caddySign, setCaddy, scratchDir };
