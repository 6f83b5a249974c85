'use strict';
// @mux/mux-node's own verifier: mux.webhooks.verifySignature (Mux-Signature:
// t=<unix>,v1=<hex HMAC-SHA256 of "t.body">, 5 minutes).
const Mux = require('@mux/mux-node');
const { caddySign } = require('../lib/sign');

const secret = 'conformancemuxwebhooksecret0123';
const mux = new Mux({ tokenId: 'conformance', tokenSecret: 'conformance', webhookSecret: secret });
const body = JSON.stringify({ type: 'video.asset.ready', object: { type: 'asset', id: 'a1' }, data: { id: 'a1', status: 'ready' } });

module.exports = [
  {
    id: 'mux',
    preset: 'mux',
    package: 'npm:@mux/mux-node',
    mode: 'sdk-verifies',
    route: () => [`secret ${secret}`],
    sign: () => caddySign({ provider: 'mux', secret, body }),
    verify: async (d) => {
      await mux.webhooks.verifySignature(d.body.toString(), Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v])), secret);
      return true;
    },
  },
];
