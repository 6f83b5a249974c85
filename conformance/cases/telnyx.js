'use strict';
// telnyx's own verifier: TelnyxWebhook.verify (ed25519 over
// "<Telnyx-Timestamp>|<body>", 5 minutes), with the public key in the
// base64 form Mission Control shows.
const { TelnyxWebhook } = require('telnyx/lib/webhooks');
const { caddySign } = require('../lib/sign');
const keys = require('../lib/keys').ed25519();

const body = JSON.stringify({ data: { event_type: 'message.received', id: 'e1', payload: { text: 'hi' } }, meta: { attempt: 1 } });

module.exports = [
  {
    id: 'telnyx',
    preset: 'telnyx',
    package: 'npm:telnyx',
    mode: 'sdk-verifies',
    route: () => [`public_key ${keys.publicRawBase64}`],
    sign: () => caddySign({ provider: 'telnyx', secret: keys.privatePem, body }),
    verify: async (d) => {
      await new TelnyxWebhook(keys.publicRawBase64).verify(d.body.toString(), d.headers);
      return true;
    },
  },
];
