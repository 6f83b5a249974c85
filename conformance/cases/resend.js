'use strict';
// resend's own verifier: resend.webhooks.verify({ payload, headers,
// webhookSecret }) (Svix signatures: svix-id, svix-timestamp,
// svix-signature).
const { Resend } = require('resend');
const { caddySign } = require('../lib/sign');

const secret = 'whsec_cmVzZW5kY29uZm9ybWFuY2VzZWNyZXQwMTIzNDU=';
const resend = new Resend('re_conformance');
const body = JSON.stringify({ type: 'email.delivered', created_at: '2024-02-22T23:41:12.126Z', data: { email_id: '56761188-7520-42d8-8898-ff6fc54ce618', to: ['delivered@resend.dev'] } });

module.exports = [
  {
    id: 'resend',
    preset: 'resend',
    package: 'npm:resend',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'resend', secret, body }),
    verify: (d) => {
      // as Resend's docs pass them: the svix-* headers as id, timestamp, signature
      const h = new Headers(d.headers);
      resend.webhooks.verify({ payload: d.body.toString(), headers: { id: h.get('svix-id'), timestamp: h.get('svix-timestamp'), signature: h.get('svix-signature') }, webhookSecret: secret });
      return true;
    },
  },
];
