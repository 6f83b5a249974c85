'use strict';
// openai's own verifier: client.webhooks.unwrap(payload, headers, secret)
// (verifySignature: webhook-id, webhook-timestamp, webhook-signature
// v1,<base64 HMAC-SHA256 of "id.timestamp.body">, key = base64 after
// whsec_, 5 minutes).
const OpenAI = require('openai');
const { caddySign } = require('../lib/sign');
const { atTime } = require('../lib/clock');

const secret = 'whsec_b3BlbmFpY29uZm9ybWFuY2V3ZWJob29rc2VjcmV0MDE=';
const openai = new OpenAI({ apiKey: 'sk-conformance', webhookSecret: secret });
const body = JSON.stringify({ id: 'evt_685c059ae3a481909bdc86819b066fb6', object: 'event', created_at: 1750861210, type: 'response.completed', data: { id: 'resp_123' } });

// OpenAI's published test vector (openai/openai-python tests/lib/
// test_webhooks.py TEST_SECRET, TEST_PAYLOAD, TEST_SIGNATURE; the Go,
// Ruby and Java SDKs' webhook tests share it)
const vectorSecret = 'whsec_RdvaYFYUXuIFuEbvZHwMfYFhUf7aMYjYcmM24+Aj40c=';
const vector = {
  headers: { 'Content-Type': 'application/json', 'webhook-id': 'wh_685c059ae39c8190af8c71ed1022a24d', 'webhook-timestamp': '1750861210', 'webhook-signature': 'v1,gUAg4R2hWouRZqRQG4uJypNS8YK885G838+EHb4nKBY=' },
  body: '{"id": "evt_685c059ae3a481909bdc86819b066fb6", "object": "event", "created_at": 1750861210, "type": "response.completed", "data": {"id": "resp_123"}}',
};

module.exports = [
  {
    id: 'openai',
    preset: 'openai',
    package: 'npm:openai',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'openai', secret, body }),
    verify: async (d) => {
      const event = await openai.webhooks.unwrap(d.body.toString(), d.headers, secret);
      return event.type === 'response.completed';
    },
  },
  {
    id: 'openai-vector',
    preset: 'openai',
    package: 'npm:openai',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => [`secret ${vectorSecret}`, 'tolerance 87600h'],
    sign: () => vector,
    verify: (d) => atTime(1750861210, async () => {
      await openai.webhooks.verifySignature(d.body.toString(), d.headers, vectorSecret);
      return true;
    }),
  },
];
