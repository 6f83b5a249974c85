'use strict';
// @easypost/api's own verifier: client.Utils.validateWebhook(body,
// headers, secret) (X-Hmac-Signature: hmac-sha256-hex=<HMAC-SHA256 of the
// body, with the secret NFKD-normalised>).
const EasyPost = require('@easypost/api');
const { caddySign } = require('../lib/sign');

const secret = 'conformance-easypost-webhook-secret';
const client = new EasyPost('EZTK_conformance');
const body = JSON.stringify({ object: 'Event', id: 'evt_1', description: 'tracker.updated', mode: 'test', result: { object: 'Tracker', id: 'trk_1', status: 'in_transit', weight: 17.6 } });

module.exports = [
  {
    id: 'easypost',
    preset: 'easypost',
    package: 'npm:@easypost/api',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'easypost', secret, body }),
    verify: (d) => {
      client.Utils.validateWebhook(d.body, d.headers, secret);
      return true;
    },
  },
];

// EasyPost sends a whole-number weight as an integer ("weight": 17) but
// signs it as a float ("weight": 17.0): the SDK restores the ".0" before
// it hashes. Signed here as the SDK verifies; the SDK is the judge.
const intBody = JSON.stringify({ object: 'Event', id: 'evt_2', description: 'tracker.updated', mode: 'test', result: { object: 'Tracker', id: 'trk_2', status: 'in_transit', weight: 17 } });
module.exports.push({
  id: 'easypost-integer-weight',
  preset: 'easypost',
  package: 'npm:@easypost/api',
  mode: 'sdk-verifies',
  route: () => [`secret ${secret}`],
  sign: () => {
    const signed = intBody.replace(/("weight":\s*)(\d+)(\s*)(?=,|\})/g, '$1$2.0');
    const mac = require('node:crypto').createHmac('sha256', Buffer.from(secret.normalize('NFKD'))).update(signed).digest('hex');
    return { headers: { 'Content-Type': 'application/json', 'X-Hmac-Signature': `hmac-sha256-hex=${mac}` }, body: intBody };
  },
  verify: (d) => {
    client.Utils.validateWebhook(d.body, d.headers, secret);
    return true;
  },
  tamper: (d) => ({ ...d, body: Buffer.from(d.body.toString().replace('trk_2', 'trk_3')) }),
});
