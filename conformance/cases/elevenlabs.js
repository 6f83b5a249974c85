'use strict';
// @elevenlabs/elevenlabs-js' own verifier: client.webhooks.constructEvent(
// rawBody, signatureHeader, secret) (ElevenLabs-Signature: t=<unix>,
// v0=<hex HMAC-SHA256 of "t.body">, key = the webhook secret as it is;
// it bounds only the past, 30 minutes).
const { ElevenLabsClient } = require('@elevenlabs/elevenlabs-js');
const { caddySign } = require('../lib/sign');

const secret = 'wsec_conformance_elevenlabs_webhook_secret_0123';
const elevenlabs = new ElevenLabsClient({ apiKey: 'conformance' });
const body = JSON.stringify({ type: 'post_call_transcription', event_timestamp: 1739537297, data: { agent_id: 'agent_1', conversation_id: 'conv_1', status: 'done' } });

module.exports = [
  {
    id: 'elevenlabs',
    preset: 'elevenlabs',
    package: 'npm:@elevenlabs/elevenlabs-js',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'elevenlabs', secret, body }),
    verify: async (d) => {
      const event = await elevenlabs.webhooks.constructEvent(d.body.toString(), new Headers(d.headers).get('elevenlabs-signature'), secret);
      return event.type === 'post_call_transcription';
    },
  },
];
