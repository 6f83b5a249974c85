'use strict';
// box-typescript-sdk-gen's own verifier: WebhooksManager.validateMessage
// (box-signature-primary: base64 HMAC-SHA256 of body + delivery
// timestamp, 10 minutes).
const { WebhooksManager } = require('box-typescript-sdk-gen/lib/managers/webhooks.generated');
const { caddySign } = require('../lib/sign');

const primary = 'SamplePrimaryKeyConformance01';
const body = JSON.stringify({ type: 'webhook_event', id: 'e1', trigger: 'FILE.UPLOADED', source: { id: 'f1', type: 'file' } });

module.exports = [
  {
    id: 'box',
    preset: 'box',
    package: 'npm:box-typescript-sdk-gen',
    mode: 'sdk-verifies',
    route: () => [`secret ${primary}`],
    sign: () => caddySign({ provider: 'box', secret: primary, body }),
    verify: (d) => WebhooksManager.validateMessage(d.body.toString(), Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v])), primary),
  },
];
