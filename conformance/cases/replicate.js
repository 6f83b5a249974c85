'use strict';
// replicate's own verifier: validateWebhook(request, secret) (webhook-id,
// webhook-timestamp, webhook-signature v1,<base64 HMAC-SHA256 of
// "id.timestamp.body">, key = base64 after whsec_; it checks no
// timestamp, the gate's 5 minutes do).
const { validateWebhook } = require('replicate');
const { caddySign } = require('../lib/sign');
const { lower } = require('./svix');

const secret = 'whsec_cmVwbGljYXRlY29uZm9ybWFuY2V3ZWJob29rc2VjcmV0';
const body = JSON.stringify({ id: 'ufawqhfynnddngldkgtslldrkq', status: 'succeeded', output: ['https://replicate.delivery/pbxt/out.png'] });

// replicate-javascript's own test vector (index.test.ts "validateWebhook",
// the Svix test case)
const vectorSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const vector = {
  headers: { 'Content-Type': 'application/json', 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' },
  body: '{"test": 2432232314}',
};

const validate = (d, s) => validateWebhook({ headers: new Headers(d.headers), body: d.body.toString() }, s);

module.exports = [
  {
    id: 'replicate',
    preset: 'replicate',
    package: 'npm:replicate',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'replicate', secret, body }),
    verify: (d) => validate(d, secret),
  },
  {
    id: 'replicate-vector',
    preset: 'replicate',
    package: 'npm:replicate',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${vectorSecret}`, 'tolerance 87600h'],
    sign: () => vector,
    // validateWebhook checks no timestamp: no clock to set
    verify: async (d) => (await validate(d, vectorSecret)) && (await validateWebhook({ id: lower(d.headers)['webhook-id'], timestamp: lower(d.headers)['webhook-timestamp'], signature: lower(d.headers)['webhook-signature'], body: d.body.toString(), secret: vectorSecret })),
  },
];
