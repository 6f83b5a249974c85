'use strict';
// @linear/sdk's own verifier: LinearWebhookClient.verify (hex HMAC-SHA256
// of the body in Linear-Signature; webhookTimestamp in the signed body,
// within a minute).
const { caddySign } = require('../lib/sign');

const secret = 'lin_wh_conformance_secret_0123456789';
const client = async () => {
  const { LinearWebhookClient } = await import('@linear/sdk/webhooks');
  return new LinearWebhookClient(secret);
};
const verify = async (d) => (await client()).verify(d.body, d.headers['Linear-Signature'] || d.headers['linear-signature']);

module.exports = [
  {
    id: 'linear',
    preset: 'linear',
    package: 'npm:@linear/sdk',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'linear', secret, body: JSON.stringify({ action: 'create', type: 'Issue', data: { id: 'i1', title: 'Bug' }, webhookTimestamp: Date.now() }) }),
    verify,
  },
  {
    // issue 21 says the SDK checks webhookTimestamp only when present;
    // @linear/sdk 98 refuses a body without it ("Missing webhook
    // timestamp"), and so does the gate
    id: 'linear-no-timestamp',
    preset: 'linear',
    package: 'npm:@linear/sdk',
    mode: 'sdk-verifies',
    expect: 'refused',
    route: () => [`secret ${secret}`],
    // (caddy webhook sign adds webhookTimestamp, so this one is signed
    // here, as Linear signs: hex HMAC-SHA256 of the body)
    sign: () => {
      const body = JSON.stringify({ action: 'create', type: 'Issue', data: { id: 'i2', title: 'Bug' } });
      const sig = require('node:crypto').createHmac('sha256', secret).update(body).digest('hex');
      return { headers: { 'Content-Type': 'application/json', 'Linear-Signature': sig }, body };
    },
    verify,
  },
];
