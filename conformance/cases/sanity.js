'use strict';
// @sanity/webhook's own signer: encodeSignatureHeader(payload, timestamp,
// secret) (sanity-webhook-signature: t=<ms>,v1=<base64url HMAC-SHA256>).
const { encodeSignatureHeader } = require('@sanity/webhook');

const secret = 'conformance-sanity-webhook-secret';
const body = JSON.stringify({ _id: 'movie_1', _type: 'movie', title: 'Alien', operation: 'update' });

module.exports = [
  {
    id: 'sanity',
    preset: 'sanity',
    package: 'npm:@sanity/webhook',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: async () => ({
      headers: { 'Content-Type': 'application/json', 'sanity-webhook-signature': await encodeSignatureHeader(body, Date.now(), secret) },
      body,
    }),
  },
];
