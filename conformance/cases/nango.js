'use strict';
// @nangohq/node's own verifier: nango.verifyIncomingWebhookRequest(body,
// headers) (X-Nango-Hmac-Sha256: hex HMAC-SHA256 of the body, key = the
// environment's webhook signing key).
const { Nango } = require('@nangohq/node');
const { caddySign } = require('../lib/sign');

const key = 'conformance-nango-webhook-signing-key';
const nango = new Nango({ secretKey: 'conformance-nango-secret-key', webhookSigningKey: key });
const body = JSON.stringify({ type: 'sync', connectionId: 'test-connection', providerConfigKey: 'github', syncName: 'issues', model: 'Issue', responseResults: { Issue: { added: 1, updated: 0, deleted: 0 } }, syncType: 'INCREMENTAL', modifiedAfter: '2026-01-01T00:00:00.000Z' });

module.exports = [
  {
    id: 'nango',
    preset: 'nango',
    package: 'npm:@nangohq/node',
    mode: 'sdk-verifies',
    route: () => [`secret ${key}`],
    sign: () => caddySign({ provider: 'nango', secret: key, body }),
    verify: (d) => nango.verifyIncomingWebhookRequest(d.body.toString(), d.headers),
  },
];
