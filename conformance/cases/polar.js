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
