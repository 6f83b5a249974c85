'use strict';
// @hygraph/utils' own signer: generateWebhookSignature({ rawPayload,
// secret }) (gcms-signature: sign=<base64 HMAC-SHA256 of
// JSON.stringify({ Body, EnvironmentName, TimeStamp })>, env=<env>,
// t=<unix ms>), checked by its verifyWebhookSignature.
const { generateWebhookSignature, verifyWebhookSignature } = require('@hygraph/utils');

const secret = 'rCNwyiloY3oJYYkxgpBXaleIiUv5MYlx'; // the package's own tests' secret

function signed(rawPayload, environmentName) {
  return () => {
    const signature = generateWebhookSignature({ rawPayload, secret, environmentName });
    if (!verifyWebhookSignature({ rawPayload, signature, secret })) throw new Error('@hygraph/utils refuses its own signature');
    return { headers: { 'Content-Type': 'application/json', 'gcms-signature': signature }, body: rawPayload };
  };
}

module.exports = [
  {
    id: 'hygraph',
    preset: 'hygraph',
    package: 'npm:@hygraph/utils',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    // the package's own tests' smallRawPayload
    sign: signed('{"hello":"world"}'),
  },
  {
    // a body whose JSON string form needs escapes (quotes, backslash, a
    // control character) and one JSON.stringify leaves as it is (U+2028,
    // '<', '&', non-ASCII), in an environment other than master
    id: 'hygraph-escapes',
    preset: 'hygraph',
    package: 'npm:@hygraph/utils',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: signed('{"operation":"update","data":{"text":"caf\u00e9 <b>&\u2028 \\\\ \\"q\\"","ctl":"a\\tb","emoji":"\ud83d\ude00"}}', 'staging'),
  },
];
