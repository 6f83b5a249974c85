'use strict';
// @shopify/shopify-api's own verifier: shopify.webhooks.validate (base64
// HMAC-SHA256 of the body, in X-Shopify-Hmac-Sha256 or, for the new
// "events" webhooks, shopify-hmac-sha256).
require('@shopify/shopify-api/adapters/node');
const { shopifyApi, ApiVersion } = require('@shopify/shopify-api');
const { caddySign } = require('../lib/sign');

const secret = 'shpss_conformance_app_secret_0123456789';
const shopify = shopifyApi({
  apiKey: 'conformance',
  apiSecretKey: secret,
  apiVersion: ApiVersion.January25,
  hostName: 'app.example.com',
  isEmbeddedApp: false,
  logger: { level: 0 },
});
const body = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '199.00', note: 'Grüße' });

async function verify(d) {
  const r = await shopify.webhooks.validate({
    rawBody: d.body.toString(),
    rawRequest: { headers: Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v])), method: 'POST', url: '/webhooks' },
    rawResponse: {},
  });
  return r.valid === true;
}

module.exports = [
  {
    id: 'shopify',
    preset: 'shopify',
    package: 'npm:@shopify/shopify-api',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({
      provider: 'shopify',
      secret,
      body,
      headers: ['X-Shopify-Topic: orders/create', 'X-Shopify-Shop-Domain: example.myshopify.com', 'X-Shopify-API-Version: 2025-01', 'X-Shopify-Webhook-Id: b54557e4-bdd9-4b37-8a5f-bf7d70bcd043'],
    }),
    verify,
  },
  {
    // the new header names, without X- (Shopify/shopify-app-js PR 3028):
    // same HMAC, carried in shopify-hmac-sha256
    id: 'shopify-events-header',
    preset: 'shopify',
    package: 'npm:@shopify/shopify-api',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => {
      const s = caddySign({ provider: 'shopify', secret, body });
      const hmac = s.headers['X-Shopify-Hmac-Sha256'];
      if (!hmac) throw new Error('caddy webhook sign gave no X-Shopify-Hmac-Sha256');
      return {
        body,
        headers: {
          'Content-Type': 'application/json',
          'shopify-hmac-sha256': hmac,
          'shopify-topic': 'orders/create',
          'shopify-shop-domain': 'example.myshopify.com',
          'shopify-api-version': '2025-01',
          'shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd044',
          'shopify-event-id': '98880550-7158-44d4-b7cd-2c97c8a091b5',
        },
      };
    },
    verify,
  },
];
