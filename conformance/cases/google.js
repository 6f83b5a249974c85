'use strict';
// google-auth-library's own verifier: OAuth2Client
// .verifySignedJwtWithCertsAsync(token, certs, audience, issuers), the
// check behind verifyIdToken, given the test key as the cert for the
// token's kid (the gate's route is pinned to it with public_key). Pub/Sub
// push signs a token, not the body: the changed byte is in the token.
const { OAuth2Client } = require('google-auth-library');
const { caddySign } = require('../lib/sign');
const keys = require('../lib/keys').rsa();

const email = 'pusher@conformance.iam.gserviceaccount.com';
const body = JSON.stringify({ message: { data: 'aGVsbG8=', messageId: '2070443601311540', publishTime: '2021-02-26T19:13:55.749Z' }, subscription: 'projects/p/subscriptions/s' });

function token(d) {
  const auth = d.headers.Authorization || '';
  return auth.replace(/^Bearer /, '');
}

module.exports = [
  {
    id: 'google-pubsub',
    preset: 'google_pubsub',
    package: 'npm:google-auth-library',
    mode: 'sdk-verifies',
    route: (base) => [`public_key \`${keys.publicPem}\``, `aud ${base}/c/google-pubsub`, `email ${email}`],
    sign: (ctx) => caddySign({ provider: 'google_pubsub', secret: keys.privatePem, body, options: { aud: ctx.url, email } }),
    verify: async (d, ctx) => {
      const jwt = token(d);
      const { kid } = JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url'));
      const ticket = await new OAuth2Client().verifySignedJwtWithCertsAsync(jwt, { [kid]: keys.publicPem }, ctx.url, ['https://accounts.google.com', 'accounts.google.com']);
      return ticket.getPayload().email === email && ticket.getPayload().email_verified === true;
    },
    tamper: (d) => {
      const [h, p, s] = token(d).split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url'));
      claims.email = `x${claims.email}`;
      return { ...d, headers: { ...d.headers, Authorization: `Bearer ${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}` } };
    },
  },
];
