'use strict';
// discord-interactions' own verifier: verifyKey(body, signature,
// timestamp, publicKeyHex) (ed25519 over timestamp + body).
const { verifyKey } = require('discord-interactions');
const { caddySign } = require('../lib/sign');
const keys = require('../lib/keys').ed25519();

const body = JSON.stringify({ type: 2, id: '1', application_id: '2', token: 't', data: { name: 'ping' } });

module.exports = [
  {
    id: 'discord',
    preset: 'discord',
    package: 'npm:discord-interactions',
    mode: 'sdk-verifies',
    route: () => [`public_key ${keys.publicHex}`],
    sign: () => caddySign({ provider: 'discord', secret: keys.privatePem, body }),
    verify: (d) => verifyKey(d.body, d.headers['X-Signature-Ed25519'], d.headers['X-Signature-Timestamp'], keys.publicHex),
  },
];
