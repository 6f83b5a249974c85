'use strict';
// orb-billing's own signer: client.webhooks.signPayload(body, { timestamp,
// secret }) (X-Orb-Signature: v1=<hex HMAC-SHA256 of "v1:timestamp:body">,
// X-Orb-Timestamp: ISO 8601 without a zone, UTC), checked by its
// verifySignature (5 minutes).
const Orb = require('orb-billing');
const { atTime } = require('../lib/clock');

const secret = 'conformance-orb-webhook-secret-0123456789';
const orb = new Orb({ apiKey: 'conformance', webhookSecret: secret });
const body = JSON.stringify({ id: 'o4mmewpfNNTnjfZd', created_at: '2024-03-27T15:42:29+00:00', type: 'invoice.issued', properties: {} });

// Orb's published test vector (the orb-billing npm package's own
// tests/api-resources/webhooks.test.ts; orb-python, orb-go and the Java
// SDK share it)
const vectorSecret = 'c-UGKYdnhHh436B_sMouYAPUvXyWpzOdunZBV5dFSD8';
const vector = {
  headers: { 'Content-Type': 'application/json', 'X-Orb-Timestamp': '2024-03-27T15:42:29.551', 'X-Orb-Signature': 'v1=9d25de966891ab0bc18754faf8d83d0980b44ae330fcc130b41a6cf3daf1f391' },
  body: '{"id": "o4mmewpfNNTnjfZc", "created_at": "2024-03-27T15:42:29+00:00", "type": "resource_event.test", "properties": {"message": "A test webhook from Orb. Happy testing!"}}',
};

module.exports = [
  {
    id: 'orb',
    preset: 'orb',
    package: 'npm:orb-billing',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: () => {
      // as Orb sends it: UTC, no zone, milliseconds
      const timestamp = new Date().toISOString().replace(/Z$/, '');
      const headers = {
        'Content-Type': 'application/json',
        'X-Orb-Timestamp': timestamp,
        'X-Orb-Signature': orb.webhooks.signPayload(body, { timestamp, secret: orb.webhooks.parseSecret(secret) }),
      };
      orb.webhooks.verifySignature(body, headers, secret); // throws if Orb refuses its own signature
      return { headers, body };
    },
  },
  {
    id: 'orb-vector',
    preset: 'orb',
    package: 'npm:orb-billing',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${vectorSecret}`, 'tolerance 87600h'],
    sign: () => vector,
    verify: (d) => atTime(Date.UTC(2024, 2, 27, 15, 42, 29, 551) / 1000, () => {
      orb.webhooks.verifySignature(d.body.toString(), d.headers, vectorSecret);
      return true;
    }),
  },
];

// Orb's verifier also takes a timestamp that names its zone (it appends Z
// only when there is none): the same signer over "...Z" and "+00:00"
for (const [id, suffix] of [['orb-zone-z', 'Z'], ['orb-zone-offset', '+00:00']]) {
  module.exports.push({
    id,
    preset: 'orb',
    package: 'npm:orb-billing',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: () => {
      const timestamp = new Date().toISOString().replace(/Z$/, suffix);
      const headers = {
        'Content-Type': 'application/json',
        'X-Orb-Timestamp': timestamp,
        'X-Orb-Signature': orb.webhooks.signPayload(body, { timestamp, secret: orb.webhooks.parseSecret(secret) }),
      };
      orb.webhooks.verifySignature(body, headers, secret);
      return { headers, body };
    },
  });
}
