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
