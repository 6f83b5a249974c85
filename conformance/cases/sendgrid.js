'use strict';
// @sendgrid/eventwebhook's own verifier: EventWebhook.verifySignature
// (ECDSA P-256 over timestamp + body), with the public key in the base64
// form the SendGrid console shows.
const { EventWebhook, EventWebhookHeader } = require('@sendgrid/eventwebhook');
const { caddySign } = require('../lib/sign');
const keys = require('../lib/keys').p256();

const body = `${JSON.stringify([{ email: 'example@test.com', timestamp: 1600112492, event: 'processed', sg_event_id: 'e1', sg_message_id: 'm1' }])}\r\n`;

module.exports = [
  {
    id: 'sendgrid',
    preset: 'sendgrid',
    package: 'npm:@sendgrid/eventwebhook',
    mode: 'sdk-verifies',
    route: () => [`public_key ${keys.publicDerBase64}`],
    sign: () => caddySign({ provider: 'sendgrid', secret: keys.privatePem, body }),
    verify: (d) => {
      const ew = new EventWebhook();
      return ew.verifySignature(ew.convertPublicKeyToECDSA(keys.publicDerBase64), d.body, d.headers[EventWebhookHeader.SIGNATURE()], d.headers[EventWebhookHeader.TIMESTAMP()]);
    },
  },
];
