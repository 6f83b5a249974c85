'use strict';
// @workos-inc/node's own signer: workos.webhooks.computeSignature(timestamp,
// payload, secret) (WorkOS-Signature: t=<ms>,v1=<hex HMAC-SHA256 of
// "t.<JSON.stringify(payload)>">); the body sent is that JSON.
const { WorkOS } = require('@workos-inc/node');

const secret = 'conformance_workos_webhook_secret';
const workos = new WorkOS('sk_test_conformance');
const payload = { id: 'event_01', event: 'user.created', data: { id: 'user_01', email: 'todd@example.com' }, created_at: '2024-01-01T00:00:00.000Z' };

module.exports = [
  {
    id: 'workos',
    preset: 'workos',
    package: 'npm:@workos-inc/node',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: async () => {
      const t = Date.now();
      const sig = await workos.webhooks.computeSignature(t, payload, secret);
      return { headers: { 'Content-Type': 'application/json', 'WorkOS-Signature': `t=${t}, v1=${sig}` }, body: JSON.stringify(payload) };
    },
  },
];
