'use strict';
// @line/bot-sdk's own verifier: validateSignature(body, channelSecret, x-line-signature) (base64 HMAC-SHA256 of the body).
const { validateSignature } = require('@line/bot-sdk');
const { caddySign } = require('../lib/sign');

const secret = 'conformancelinechannelsecret0123';
const body = JSON.stringify({ destination: 'U1', events: [{ type: 'message', message: { type: 'text', id: '1', text: 'こんにちは' }, timestamp: 1462629479859, source: { type: 'user', userId: 'U2' }, replyToken: 'r', mode: 'active', webhookEventId: 'w1', deliveryContext: { isRedelivery: false } }] });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'line',
    preset: 'line',
    package: 'npm:@line/bot-sdk',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'line', secret, body }),
    verify: (d) => validateSignature(d.body, secret, header(d, 'x-line-signature')),
  },
];
