'use strict';
const { Webhook } = require('standardwebhooks');
const { caddySign } = require('../lib/sign');
const { lower } = require('./svix');

// the secret of the Standard Webhooks libraries' own tests
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'user.created', timestamp: '2022-11-03T20:26:10.344522Z', data: { id: 'u_1' } });

module.exports = [
  {
    id: 'standard-webhooks',
    preset: 'standard_webhooks',
    package: 'npm:standardwebhooks',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: () => {
      const id = `msg_${Date.now()}`;
      const at = new Date();
      return {
        headers: {
          'Content-Type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(id, at, body),
        },
        body,
      };
    },
  },
  {
    id: 'standard-webhooks-verify',
    preset: 'standard_webhooks',
    package: 'npm:standardwebhooks',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'standard_webhooks', secret, body }),
    verify: (d) => {
      new Webhook(secret).verify(d.body, lower(d.headers));
      return true;
    },
  },
];

// the Standard Webhooks libraries' own test vector (libraries/*/
// webhook_test: TestWebhookSign; also in the spec): this secret, id,
// timestamp and payload sign to this signature
const { atTime } = require('../lib/clock');

const vector = {
  headers: { 'Content-Type': 'application/json', 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
  body: '{"test": 2432232314}',
};
module.exports.push({
  id: 'standard-webhooks-vector',
  preset: 'standard_webhooks',
  package: 'npm:standardwebhooks',
  mode: 'sdk-verifies',
  vectors: true,
  route: () => [`secret ${secret}`, 'tolerance 87600h'],
  sign: () => vector,
  verify: (d) => atTime(1614265330, () => {
    new Webhook(secret).verify(d.body, lower(d.headers));
    return true;
  }),
});
