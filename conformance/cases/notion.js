'use strict';
// @notionhq/client's own signer: signWebhookPayload({ body,
// verificationToken }) (X-Notion-Signature: sha256=<hex HMAC-SHA256>),
// "for unit-testing webhook handlers".
const { signWebhookPayload } = require('@notionhq/client');

const token = 'secret_conformanceNotionVerificationToken0123';
const body = JSON.stringify({ id: '367cba44-b6f3-4c92-81e7-6a2e9659efd4', timestamp: '2024-12-05T23:55:34.285Z', workspace_id: 'w1', type: 'page.created', entity: { id: 'p1', type: 'page' } });

module.exports = [
  {
    id: 'notion',
    preset: 'notion',
    package: 'npm:@notionhq/client',
    mode: 'sdk-signs',
    route: () => [`secret ${token}`],
    sign: async () => ({
      headers: { 'Content-Type': 'application/json', 'X-Notion-Signature': await signWebhookPayload({ body, verificationToken: token }) },
      body,
    }),
  },
];
