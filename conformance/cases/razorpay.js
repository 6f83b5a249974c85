'use strict';
// razorpay's own verifier: Razorpay.validateWebhookSignature(body,
// signature, secret) (hex HMAC-SHA256 of the body).
const Razorpay = require('razorpay');
const { caddySign } = require('../lib/sign');

const secret = 'conformance_razorpay_webhook_secret';
const body = JSON.stringify({ entity: 'event', event: 'payment.captured', payload: { payment: { entity: { id: 'pay_1', amount: 100 } } } });

module.exports = [
  {
    id: 'razorpay',
    preset: 'razorpay',
    package: 'npm:razorpay',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'razorpay', secret, body }),
    verify: (d) => Razorpay.validateWebhookSignature(d.body.toString(), d.headers['X-Razorpay-Signature'], secret),
  },
];
