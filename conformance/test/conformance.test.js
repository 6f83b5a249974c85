'use strict';
// The conformance suite: every case in cases/ held against a real Caddy
// with hookgate in front of a real upstream. See README.md in this
// directory.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { caddyBinary, startUpstream, startCaddy, send, tmpDir } = require('../lib/harness');
const { setCaddy } = require('../lib/sign');
const { tamper } = require('../lib/tamper');
const cases = require('../cases');
const knownGaps = require('../known-gaps.json');

const only = process.env.CONFORMANCE_ONLY ? new RegExp(process.env.CONFORMANCE_ONLY) : null;
const selected = only ? cases.filter((c) => only.test(c.id)) : cases;

let dir, upstream, caddy;

before(async () => {
  dir = tmpDir();
  const bin = caddyBinary(dir);
  setCaddy(bin, dir);
  upstream = await startUpstream();
  caddy = await startCaddy(bin, dir, upstream.addr, selected);
});

after(async () => {
  if (process.env.CONFORMANCE_LOG) fs.writeFileSync(process.env.CONFORMANCE_LOG, caddy ? caddy.log() : "");
  if (caddy) await caddy.stop();
  if (upstream) await upstream.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function asDelivery(d, ctx) {
  return {
    method: d.method || 'POST',
    path: d.path || (d.url ? d.url.slice(ctx.base.length) : ctx.path),
    headers: d.headers,
    body: Buffer.from(d.body || ''),
  };
}

function changed(c, d) {
  if (c.tamper) return c.tamper(d);
  return { ...d, body: tamper(d.body) };
}

// check runs one case; it throws on the first thing that is not as the
// provider's code says it should be.
async function check(c) {
  const p = c.routePath || `/c/${c.id}`;
  const ctx = { base: caddy.base, path: p, url: `${caddy.base}${p}` };
  const d = asDelivery(await c.sign(ctx), ctx);
  if (c.expect === 'refused') return checkRefused(c, d, ctx);
  const bad = changed(c, d);
  if (c.mode === 'sdk-verifies') {
    assert.equal(await safely(() => c.verify(d, ctx)), true, `${c.package} refuses the delivery \`caddy webhook sign\` made`);
    assert.equal(await safely(() => c.verify(bad, ctx)), false, `${c.package} accepts the delivery with one changed byte`);
  } else {
    assert.ok(['sdk-signs', 'reference'].includes(c.mode), `case ${c.id}: mode must be sdk-signs, sdk-verifies or reference`);
  }

  const before = upstream.got.length;
  const r = await send(caddy.base, d);
  assert.ok(r.status >= 200 && r.status < 300, `genuine delivery refused: ${r.status} ${r.body.trim()} ${reason()}`);
  assert.equal(upstream.got.length, before + 1, 'genuine delivery did not reach the upstream');
  const got = upstream.got[upstream.got.length - 1];
  assert.equal(got.method, d.method);
  assert.equal(got.url, d.path, 'upstream got another path');
  assert.ok(got.body.equals(d.body), 'upstream did not get the body byte for byte');

  const rb = await send(caddy.base, bad);
  assert.equal(rb.status, 401, `changed delivery: got ${rb.status} ${rb.body.trim()}, want 401`);
  assert.equal(upstream.got.length, before + 1, 'changed delivery reached the upstream');
}

// checkRefused: a delivery the provider's own verifier refuses must be
// refused by the gate too, and never reach the upstream.
async function checkRefused(c, d, ctx) {
  assert.equal(c.mode, 'sdk-verifies', `case ${c.id}: expect refused needs the SDK's verifier`);
  assert.equal(await safely(() => c.verify(d, ctx)), false, `${c.package} accepts the delivery`);
  const before = upstream.got.length;
  const r = await send(caddy.base, d);
  assert.equal(r.status, 401, `delivery the SDK refuses: gate answered ${r.status} ${r.body.trim()}, want 401`);
  assert.equal(upstream.got.length, before, 'delivery the SDK refuses reached the upstream');
}

// reason is the gate's last refusal in its log (cases run one at a time).
function reason() {
  const lines = caddy.log().split('\n').filter((l) => l.includes('"webhook refused"'));
  if (!lines.length) return '';
  try {
    const e = JSON.parse(lines[lines.length - 1]);
    return `(gate: ${e.provider} ${e.check}: ${e.reason})`;
  } catch {
    return '';
  }
}

// safely is f's answer, false when it throws (SDKs verify by throwing).
async function safely(f) {
  try {
    return (await f()) === true;
  } catch {
    return false;
  }
}

describe('every preset against the provider\'s own code', () => {
  for (const c of selected) {
    const gap = knownGaps[c.id];
    it(`${c.id} (${c.package}, ${c.mode}${c.vectors ? ', published vector' : ''})${gap ? ' [known gap]' : ''}`, async (t) => {
      if (!gap) return check(c);
      let err = null;
      try {
        await check(c);
      } catch (e) {
        err = e;
      }
      assert.ok(err, `known gap ${c.id} passes now: remove it from known-gaps.json`);
      t.diagnostic(`known gap (${gap}): ${err.message.split('\n')[0]}`);
    });
  }
});

describe('the case list', () => {
  it('has unique ids usable in a path', () => {
    const seen = new Set();
    for (const c of cases) {
      assert.match(c.id, /^[a-z0-9_-]+$/, `case id ${c.id}`);
      assert.ok(!seen.has(c.id), `case id ${c.id} twice`);
      seen.add(c.id);
      assert.ok(['sdk-signs', 'sdk-verifies', 'reference'].includes(c.mode), `case ${c.id} mode ${c.mode}`);
      if (c.mode === 'reference') assert.match(c.package, /^ref:\S/, `case ${c.id}: a reference case names its source as ref:<source>`);
      else assert.match(c.package, /^(npm|go):/, `case ${c.id} package ${c.package}`);
      if (c.mode === 'sdk-verifies') assert.equal(typeof c.verify, 'function', `case ${c.id} has no verify`);
    }
  });
  it('names only existing cases in known-gaps.json', () => {
    for (const id of Object.keys(knownGaps)) {
      assert.ok(cases.some((c) => c.id === id), `known-gaps.json names ${id}, which is no case`);
      assert.ok(typeof knownGaps[id] === 'string' && knownGaps[id].length > 0, `known-gaps.json ${id}: say what differs`);
    }
  });
});
