'use strict';
// @polar-sh/sdk's own verifier: webhooks.validateEvent(body, headers,
// secret) (Standard Webhooks headers: webhook-id, webhook-timestamp,
// webhook-signature v1,<base64 HMAC-SHA256 of "id.timestamp.body">, key =
// the secret's UTF-8 bytes as they are, 5 minutes).
const { webhooks } = require('@polar-sh/sdk/2026-10');
const { caddySign } = require('../lib/sign');

const secret = 'polar_whs_ConformancePolarWebhookSecret0123456789ab';
const body = JSON.stringify({ type: 'order.paid', timestamp: '2025-01-01T00:00:00Z', data: { id: 'b0b7e6a1-9a0e-4d7e-8c59-3c1a2f7d9e10', status: 'paid' } });

module.exports = [
  {
    id: 'polar',
    preset: 'polar',
    package: 'npm:@polar-sh/sdk',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'polar', secret, body }),
    verify: async (d) => {
      const event = await webhooks.validateEvent(d.body, d.headers, secret);
      return event.type === 'order.paid';
    },
  },
];

// @polar-sh/sdk 1.x also accepts a whsec_ secret's Standard Webhooks key
// (the base64 after whsec_, decoded), besides the secret's UTF-8 bytes:
// a delivery signed with that key (standardwebhooks' own signer, as a
// Standard Webhooks library would send it)
const { Webhook } = require('standardwebhooks');
const whsecSecret = 'whsec_cG9sYXJjb25mb3JtYW5jZXN0YW5kYXJka2V5MDE=';
module.exports.push({
  id: 'polar-standard-key',
  preset: 'polar',
  package: 'npm:@polar-sh/sdk',
  mode: 'sdk-verifies',
  route: () => [`secret ${whsecSecret}`],
  sign: () => {
    const id = `msg_${Date.now()}`;
    const at = new Date();
    return {
      headers: { 'Content-Type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': new Webhook(whsecSecret).sign(id, at, body) },
      body,
    };
  },
  verify: async (d) => (await webhooks.validateEvent(d.body, d.headers, whsecSecret)).type === 'order.paid',
});
