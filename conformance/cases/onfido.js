'use strict';
// @onfido/api's own verifier: WebhookEventVerifier.readPayload(body, X-SHA2-Signature) (hex HMAC-SHA256 of the body).
const { WebhookEventVerifier } = require('@onfido/api');
const { caddySign } = require('../lib/sign');

const secret = 'conformance_onfido_webhook_token';
const body = JSON.stringify({ payload: { resource_type: 'check', action: 'check.completed', object: { id: 'c1', status: 'complete', completed_at_iso8601: '2024-01-01T00:00:00Z', href: 'https://api.onfido.com/v3.6/checks/c1' } } });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'onfido',
    preset: 'onfido',
    package: 'npm:@onfido/api',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'onfido', secret, body }),
    verify: (d) => { new WebhookEventVerifier(secret).readPayload(d.body, header(d, 'X-SHA2-Signature')); return true; },
  },
];
