'use strict';
// modern-treasury's own signer: client.webhooks.getSignature(payload,
// { key }) (X-Signature: hex HMAC-SHA256 of the body).
const ModernTreasury = require('modern-treasury');

const key = 'conformance-modern-treasury-webhook-key';
const client = new ModernTreasury({ apiKey: 'conformance', organizationID: 'conformance', webhookKey: key });
const body = JSON.stringify({ event: 'completed', data: { id: 'po_1', object: 'payment_order', amount: 1000, status: 'completed' } });

module.exports = [
  {
    id: 'modern-treasury',
    preset: 'modern_treasury',
    package: 'npm:modern-treasury',
    mode: 'sdk-signs',
    route: () => [`secret ${key}`],
    sign: () => {
      const sig = client.webhooks.getSignature(body);
      if (!client.webhooks.validateSignature(body, sig)) throw new Error('modern-treasury refuses its own signature');
      return { headers: { 'Content-Type': 'application/json', 'X-Signature': sig, 'X-Topic': 'payment_order', 'X-Webhook-ID': 'wh_1' }, body };
    },
  },
];
