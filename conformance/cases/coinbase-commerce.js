'use strict';
// coinbase-commerce-node's own verifier: Webhook.verifySigHeader(body, X-CC-Webhook-Signature, secret) (hex HMAC-SHA256 of the body).
const { Webhook } = require('coinbase-commerce-node');
const { caddySign } = require('../lib/sign');

const secret = 'conformance-coinbase-shared-secret';
const body = JSON.stringify({ id: 1, scheduled_for: '2017-01-31T20:50:02Z', event: { id: '24934862-d980-46cb-9402-43c81b0cdba6', resource: 'event', type: 'charge:created', api_version: '2018-03-22', data: { code: '66BEOV2A' } } });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'coinbase-commerce',
    preset: 'coinbase_commerce',
    package: 'npm:coinbase-commerce-node',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'coinbase_commerce', secret, body }),
    verify: (d) => { Webhook.verifySigHeader(d.body.toString(), header(d, 'X-CC-Webhook-Signature'), secret); return true; },
  },
];
