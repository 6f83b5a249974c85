'use strict';
// square's own verifier: WebhooksHelper.verifySignature (HMAC-SHA256 of
// the notification URL followed by the body).
const { WebhooksHelper } = require('square');
const { caddySign } = require('../lib/sign');

const key = 'Ibxx_5AKakO-3qeNVR61Dw';
const body = JSON.stringify({ merchant_id: 'MLEFBHHSJGVHD', type: 'payment.updated', event_id: 'ac3ac95b-f97d-458c-a6e6-18981597e05f', data: { type: 'payment', id: 'p1' } });

const verify = (url) => (d, ctx) => WebhooksHelper.verifySignature({
  requestBody: d.body.toString(),
  signatureHeader: d.headers['X-Square-Hmacsha256-Signature'] || d.headers['x-square-hmacsha256-signature'],
  signatureKey: key,
  notificationUrl: url || ctx.url,
});

// square/square-python-sdk legacy/tests/utilities/test_webhooks_helper.py
// test_signature_validation_pass: its key, URL, body and signature
const vectorURL = 'https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9';
const vectorBody = '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}';

module.exports = [
  {
    id: 'square',
    preset: 'square',
    package: 'npm:square',
    mode: 'sdk-verifies',
    route: () => [`secret ${key}`],
    sign: (ctx) => caddySign({ provider: 'square', secret: key, body, url: ctx.url }),
    verify: verify(),
  },
  {
    id: 'square-vector',
    preset: 'square',
    package: 'npm:square',
    mode: 'sdk-verifies',
    vectors: true,
    routePath: '/679a4f3a-dcfa-49ee-bac5-9d0edad886b9',
    route: () => [`secret ${key}`, `url ${vectorURL}`],
    sign: () => ({
      headers: { 'Content-Type': 'application/json', 'X-Square-Hmacsha256-Signature': 'GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=' },
      body: vectorBody,
    }),
    verify: verify(vectorURL),
  },
];
