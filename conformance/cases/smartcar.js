'use strict';
// smartcar's own signer: smartcar.hashChallenge(amt, body) (SC-Signature:
// hex HMAC-SHA256 of the body, key = the Application Management Token),
// checked by its verifyPayload(amt, signature, JSON body).
const smartcar = require('smartcar');

const amt = 'conformance-smartcar-application-management-token';
const body = JSON.stringify({ eventId: '6a1f', eventType: 'VEHICLE_STATE', data: { vehicle: { id: '36ab27d0-fd9d-4455-823a-ce30af709ffc' } }, meta: { version: '4.0' } });

module.exports = [
  {
    id: 'smartcar',
    preset: 'smartcar',
    package: 'npm:smartcar',
    mode: 'sdk-signs',
    route: () => [`secret ${amt}`],
    sign: () => {
      const sig = smartcar.hashChallenge(amt, body);
      // verifyPayload re-serializes the parsed body: the body is written as JSON.stringify writes it
      if (!smartcar.verifyPayload(amt, sig, JSON.parse(body))) throw new Error('smartcar refuses its own signature');
      return { headers: { 'Content-Type': 'application/json', 'SC-Signature': sig }, body };
    },
  },
];
