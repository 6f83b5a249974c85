'use strict';
const { Webhook } = require('svix');
const { caddySign } = require('../lib/sign');

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const body = JSON.stringify({ type: 'invoice.paid', data: { id: 'inv_1', amount: 42 } });

function signed(msgId) {
  const at = new Date();
  return {
    headers: {
      'Content-Type': 'application/json',
      'svix-id': msgId,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': new Webhook(secret).sign(msgId, at, body),
    },
    body,
  };
}

module.exports = [
  {
    id: 'svix',
    preset: 'svix',
    package: 'npm:svix',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: () => signed(`msg_${Date.now()}`),
  },
  {
    id: 'svix-verify',
    preset: 'svix',
    package: 'npm:svix',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'svix', secret, body }),
    verify: (d) => {
      new Webhook(secret).verify(d.body, lower(d.headers));
      return true;
    },
  },
];

function lower(h) {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
module.exports.lower = lower;
