'use strict';
// cashfree-pg's own verifier: Cashfree.PGVerifyWebhookSignature(x-webhook-signature, body, x-webhook-timestamp) (base64 HMAC-SHA256 of timestamp + body, keyed with the client secret).
const { Cashfree, CFEnvironment } = require('cashfree-pg');
const { caddySign } = require('../lib/sign');

const secret = 'cfsk_ma_test_conformance_client_secret';
const body = JSON.stringify({ data: { order: { order_id: 'order_1', order_amount: 1 }, payment: { cf_payment_id: 1, payment_status: 'SUCCESS' } }, event_time: '2024-01-01T00:00:00+05:30', type: 'PAYMENT_SUCCESS_WEBHOOK' });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'cashfree',
    preset: 'cashfree',
    package: 'npm:cashfree-pg',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'cashfree', secret, body }),
    verify: (d) => { new Cashfree(CFEnvironment.SANDBOX, 'conformance', secret, undefined, undefined, undefined, false).PGVerifyWebhookSignature(header(d, 'x-webhook-signature'), d.body.toString(), header(d, 'x-webhook-timestamp')); return true; },
  },
];
