'use strict';
// lithic's own verifier: client.webhooks.verifySignature(body, headers,
// secret) (Standard Webhooks: webhook-id, webhook-timestamp,
// webhook-signature; key = base64 after whsec_).
const Lithic = require('lithic');
const { caddySign } = require('../lib/sign');
const { atTime } = require('../lib/clock');

const secret = 'whsec_bGl0aGljY29uZm9ybWFuY2V3ZWJob29rc2VjcmV0MDE=';
const lithic = new Lithic({ apiKey: 'conformance', webhookSecret: secret });
const body = JSON.stringify({ event_type: 'card.created', payload: { token: '7ef7d65c-9023-4da3-b113-3b8583fd7951', type: 'VIRTUAL' } });

// Lithic's published test vector (the lithic npm package's own
// tests/api-resources/webhooks.test.ts; lithic-python test_verify_signature)
const vectorSecret = 'whsec_zlFsbBZ8Xcodlpcu6NDTdSzZRLSdhkst';
const vector = {
  headers: { 'Content-Type': 'application/json', 'webhook-id': 'msg_2Lh9KRb0pzN4LePd3XiA4v12Axj', 'webhook-timestamp': '1676312382', 'webhook-signature': 'v1,Dwa0AHInLL3XFo2sxcHamOQDrJNi7F654S3L6skMAOI=' },
  body: '{"card_token":"sit Lorem ipsum, accusantium repellendus possimus","created_at":"elit. placeat libero architecto molestias, sit","account_token":"elit.","issuer_decision":"magnam, libero esse Lorem ipsum magnam, magnam,","tokenization_attempt_id":"illum dolor repellendus libero esse accusantium","wallet_decisioning_info":{"device_score":"placeat architecto"},"digital_wallet_token_metadata":{"status":"reprehenderit dolor","token_requestor_id":"possimus","payment_account_info":{"account_holder_data":{"phone_number":"libero","email_address":"nobis molestias, veniam culpa! quas elit. quas libero esse architecto placeat"},"pan_unique_reference":"adipisicing odit magnam, odit"}}}',
};

module.exports = [
  {
    id: 'lithic',
    preset: 'lithic',
    package: 'npm:lithic',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'lithic', secret, body }),
    verify: (d) => {
      const event = lithic.webhooks.unwrap(d.body.toString(), d.headers, secret);
      return event.event_type === 'card.created';
    },
  },
  {
    id: 'lithic-vector',
    preset: 'lithic',
    package: 'npm:lithic',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${vectorSecret}`, 'tolerance 87600h'],
    sign: () => vector,
    verify: (d) => atTime(1676312382, () => {
      lithic.webhooks.verifySignature(d.body.toString(), d.headers, vectorSecret);
      return true;
    }),
  },
];
