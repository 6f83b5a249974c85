'use strict';
// plivo's own verifier: validateV3Signature(method, uri, nonce, authToken,
// signature, params) (X-Plivo-Signature-V3: base64 HMAC-SHA256 of the URL,
// sorted parameters and nonce).
const crypto = require('node:crypto');
const { validateV3Signature } = require('plivo/dist/utils/v3Security');
const { caddySign } = require('../lib/sign');

const token = 'MAODUZYTQ0Y2FMYJBLOW';
const params = { CallUUID: 'c1e2f3a4-0000-4000-8000-000000000001', Direction: 'inbound', From: '14155551234', To: '14155556789' };
const form = new URLSearchParams(params).toString();

function header(d, name) {
  const k = Object.keys(d.headers).find((h) => h.toLowerCase() === name.toLowerCase());
  return k ? d.headers[k] : undefined;
}

function post(id, pinned) {
  return {
    id,
    preset: 'plivo',
    package: 'npm:plivo',
    mode: 'sdk-verifies',
    route: (base) => [`secret ${token}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => caddySign({ provider: 'plivo', secret: token, body: form, url: ctx.url }),
    verify: (d, ctx) => validateV3Signature('POST', ctx.url, header(d, 'X-Plivo-Signature-V3-Nonce'), token, header(d, 'X-Plivo-Signature-V3'),
      Object.fromEntries(new URLSearchParams(d.body.toString()))),
  };
}

// a callback configured as GET: the parameters are the URL's query.
// `caddy webhook sign` signs POSTs only, so this is signed here as Plivo
// signs (the SDK's own validateV3Signature is the judge).
function get(id, pinned) {
  return {
    id,
    preset: 'plivo',
    package: 'npm:plivo',
    mode: 'sdk-verifies',
    route: (base) => [`secret ${token}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => {
      const url = `${ctx.url}?${form}`;
      const nonce = '05429567804466091622';
      const sig = crypto.createHmac('sha256', token).update(`${url}.${nonce}`).digest('base64');
      return { method: 'GET', url, headers: { 'X-Plivo-Signature-V3': sig, 'X-Plivo-Signature-V3-Nonce': nonce }, body: '' };
    },
    verify: (d, ctx) => validateV3Signature('GET', ctx.base + d.path, header(d, 'X-Plivo-Signature-V3-Nonce'), token, header(d, 'X-Plivo-Signature-V3')),
    tamper: (d) => ({ ...d, path: d.path.replace('From=14155551234', 'From=14155551235') }),
  };
}

module.exports = [post('plivo', false), post('plivo-url', true), get('plivo-get', false), get('plivo-get-url', true)];
