'use strict';
// @shopware-ag/app-server-sdk's own signer: WebCryptoHmacSigner.sign
// (shopware-shop-signature: hex HMAC-SHA256 of the body with the shop
// secret), as the SDK checks webhooks and action buttons.
// (the signer is not in the package's exports map: loaded by its path)
const path = require('node:path');
const { WebCryptoHmacSigner } = require(path.join(path.dirname(require.resolve('@shopware-ag/app-server-sdk/package.json')), 'dist/commonjs/signer.js'));

const secret = 'conformanceShopSecret0123456789abcdef';
const body = JSON.stringify({ data: { payload: [{ entity: 'product', operation: 'update', primaryKey: 'p1' }], event: 'product.written' }, source: { url: 'https://shop.example.com', appVersion: '1.0.0', shopId: 'F0rS8ZtqVTqNyhDe' }, timestamp: 1700000000 });

module.exports = [
  {
    id: 'shopware',
    preset: 'shopware',
    package: 'npm:@shopware-ag/app-server-sdk',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: async () => ({
      headers: { 'Content-Type': 'application/json', 'shopware-shop-signature': await new WebCryptoHmacSigner().sign(body, secret) },
      body,
    }),
  },
];
