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

// Svix's published test vector (svix-webhooks' libraries' sign tests,
// test_sign_function and its ports; the Standard Webhooks libraries took
// it over): this secret, id, timestamp and payload sign to this value
const { atTime } = require('../lib/clock');

module.exports.push({
  id: 'svix-vector',
  preset: 'svix',
  package: 'npm:svix',
  mode: 'sdk-verifies',
  vectors: true,
  route: () => [`secret ${secret}`, 'tolerance 87600h'],
  sign: () => ({
    headers: { 'Content-Type': 'application/json', 'svix-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'svix-timestamp': '1614265330', 'svix-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
    body: '{"test": 2432232314}',
  }),
  verify: (d) => atTime(1614265330, () => {
    new Webhook(secret).verify(d.body, lower(d.headers));
    return true;
  }),
});
