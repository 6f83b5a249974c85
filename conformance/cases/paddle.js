'use strict';
// @paddle/paddle-node-sdk's own verifier: webhooks.isSignatureValid
// (Paddle-Signature: ts=..;h1=<HMAC-SHA256 of "ts:body">, 5 seconds).
const { Paddle } = require('@paddle/paddle-node-sdk');
const { caddySign } = require('../lib/sign');

const secret = 'pdl_ntfset_01hs0t3tw21j988db1pam5xg8m_GrOWLNef+vmtjJYq4mSnHNzvc8uWoJ1I';
const paddle = new Paddle('pdl_sdbx_apikey_conformance');
const body = JSON.stringify({ event_id: 'evt_1', event_type: 'transaction.completed', occurred_at: '2024-03-15T10:32:38.286848Z', notification_id: 'ntf_1', data: { id: 'txn_1' } });

module.exports = [
  {
    id: 'paddle',
    preset: 'paddle',
    package: 'npm:@paddle/paddle-node-sdk',
    mode: 'sdk-verifies',
    route: () => [`secret \`${secret}\``],
    sign: () => caddySign({ provider: 'paddle', secret, body }),
    verify: (d) => paddle.webhooks.isSignatureValid(d.body.toString(), secret, d.headers['Paddle-Signature']),
  },
];

// @paddle/paddle-node-sdk's own test vector (src/__tests__/notifications/
// webhooks-validator.edge.test.ts, "Valid signature", at 2023-11-01)
const { atTime } = require('../lib/clock');

module.exports.push({
  id: 'paddle-vector',
  preset: 'paddle',
  package: 'npm:@paddle/paddle-node-sdk',
  mode: 'sdk-verifies',
  vectors: true,
  route: () => ['secret VALID_SECRET', 'tolerance 87600h'],
  sign: () => ({
    headers: { 'Content-Type': 'application/json', 'Paddle-Signature': 'ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9' },
    body: '{"data": ["1", "2"]}',
  }),
  verify: (d) => atTime(1698796800, () => paddle.webhooks.isSignatureValid(d.body.toString(), 'VALID_SECRET', d.headers['Paddle-Signature'])),
});
