'use strict';
// @clerk/backend's own verifier: verifyWebhook(request, { signingSecret })
// (Svix/Standard Webhooks signatures), given the delivery as a fetch
// Request.
const { verifyWebhook } = require('@clerk/backend/webhooks');
const { caddySign } = require('../lib/sign');

const secret = 'whsec_Y2xlcmtjb25mb3JtYW5jZXNlY3JldDAxMjM0NTY3';
const body = JSON.stringify({ type: 'user.created', object: 'event', data: { id: 'user_29w83sxmDNGwOuEthce5gg56FcC', first_name: 'Example' }, timestamp: 1654012591835 });

module.exports = [
  {
    id: 'clerk',
    preset: 'clerk',
    package: 'npm:@clerk/backend',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'clerk', secret, body }),
    verify: async (d) => {
      const req = new Request('https://app.example.com/webhooks/clerk', { method: 'POST', headers: d.headers, body: d.body });
      await verifyWebhook(req, { signingSecret: secret });
      return true;
    },
  },
];
