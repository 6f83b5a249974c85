'use strict';
// gocardless-nodejs's own verifier: webhooks.parse(body, secret, Webhook-Signature) (hex HMAC-SHA256 of the body).
const webhooks = require('gocardless-nodejs/webhooks');
const { caddySign } = require('../lib/sign');

const secret = 'conformance-gocardless-webhook-secret';
const body = JSON.stringify({ events: [{ id: 'EV123', created_at: '2014-08-04T12:00:00.000Z', action: 'confirmed', resource_type: 'payments', links: { payment: 'PM123' }, details: { origin: 'gocardless', cause: 'payment_confirmed' } }] });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'gocardless',
    preset: 'gocardless',
    package: 'npm:gocardless-nodejs',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'gocardless', secret, body }),
    verify: (d) => webhooks.parse(d.body, secret, header(d, 'Webhook-Signature')).length === 1,
  },
];
