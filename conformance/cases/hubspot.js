'use strict';
// @hubspot/api-client's own signer: Signature.getSignature(method,
// version, { clientSecret, requestBody, url, timestamp }).
const { Signature } = require('@hubspot/api-client/lib/src/utils/signature');

const secret = 'conformance-hubspot-client-secret';
const body = JSON.stringify([{ eventId: 1, subscriptionType: 'contact.creation', portalId: 62515, objectId: 123 }]);

function v3(id, { query = '', pinned = false } = {}) {
  return {
    id,
    preset: 'hubspot',
    package: 'npm:@hubspot/api-client',
    mode: 'sdk-signs',
    route: (base) => [`secret ${secret}`, ...(pinned ? [`url ${base}/c/${id}`] : [])],
    sign: (ctx) => {
      const url = ctx.url + query;
      const timestamp = Date.now();
      return {
        url,
        headers: {
          'Content-Type': 'application/json',
          'X-HubSpot-Signature-v3': Signature.getSignature('POST', 'v3', { clientSecret: secret, requestBody: body, url, timestamp }),
          'X-HubSpot-Request-Timestamp': String(timestamp),
        },
        body,
      };
    },
  };
}

function legacy(version) {
  return {
    id: `hubspot-${version}`,
    preset: 'hubspot',
    package: 'npm:@hubspot/api-client',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`, `version ${version}`],
    sign: (ctx) => ({
      headers: {
        'Content-Type': 'application/json',
        'X-HubSpot-Signature': Signature.getSignature('POST', version, { clientSecret: secret, requestBody: body, url: ctx.url }),
        'X-HubSpot-Signature-Version': version,
      },
      body,
    }),
  };
}

module.exports = [
  v3('hubspot-v3'),
  v3('hubspot-v3-query', { query: '?portalId=62515&app=1' }),
  v3('hubspot-v3-url', { pinned: true }),
  v3('hubspot-v3-url-query', { query: '?portalId=62515&app=1', pinned: true }),
  legacy('v2'),
  legacy('v1'),
];
