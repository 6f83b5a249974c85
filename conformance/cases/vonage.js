'use strict';
// @vonage/jwt's own verifier: verifySignature(token, signatureSecret)
// (Authorization: Bearer <HS256 JWT>). The SDK checks the signature only;
// the body is covered through the token's payload_hash, which the gate
// checks, so the changed byte here is in the token.
// (its CommonJS build requires files it does not ship: imported as ESM)
const vonage = () => import('@vonage/jwt');
const { caddySign } = require('../lib/sign');

const secret = 'conformanceVonageSignatureSecret0123456789';
const body = JSON.stringify({ message_uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-0123456789ab', to: '447700900000', from: '447700900001', channel: 'sms', message_type: 'text', text: 'Hello' });

const token = (d) => (d.headers.Authorization || '').replace(/^Bearer /, '');

module.exports = [
  {
    id: 'vonage',
    preset: 'vonage',
    package: 'npm:@vonage/jwt',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'vonage', secret, body }),
    verify: async (d) => (await vonage()).verifySignature(token(d), secret),
    tamper: (d) => {
      const [h, p, s] = token(d).split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url'));
      claims.iat -= 1;
      return { ...d, headers: { ...d.headers, Authorization: `Bearer ${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}` } };
    },
  },
];
