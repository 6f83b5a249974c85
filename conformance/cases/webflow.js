'use strict';
// webflow-api's own verifier: client.webhooks.verifySignature({ headers, body, secret }) (x-webflow-signature: hex HMAC-SHA256 of timestamp:body, x-webflow-timestamp in ms).
const { WebflowClient } = require('webflow-api');
const { caddySign } = require('../lib/sign');

const secret = 'conformance-webflow-webhook-secret';
const body = JSON.stringify({ triggerType: 'form_submission', payload: { name: 'Contact', siteId: 's1', data: { email: 'a@example.com' }, submittedAt: '2024-01-01T00:00:00.000Z', id: 'f1' } });
const header = (d, name) => d.headers[Object.keys(d.headers).find((k) => k.toLowerCase() === name.toLowerCase())];

module.exports = [
  {
    id: 'webflow',
    preset: 'webflow',
    package: 'npm:webflow-api',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'webflow', secret, body }),
    verify: (d) => new WebflowClient({ accessToken: 'conformance' }).webhooks.verifySignature({ headers: Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v])), body: d.body.toString(), secret }),
  },
];
