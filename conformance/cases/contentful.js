'use strict';
// @contentful/node-apps-toolkit's own signer: signRequest(secret,
// { method, path, headers, body }, timestamp), which returns the
// x-contentful-* headers to send.
const { signRequest } = require('@contentful/node-apps-toolkit');

const secret = 'conformance0contentful0signing0secret0padded0to064characters0abc';
const body = JSON.stringify({ sys: { id: 'entry1', type: 'Entry' }, fields: { title: { 'en-US': 'Hello' } } });

function signed(query) {
  return (ctx) => {
    const path = ctx.path + query;
    const headers = { 'content-type': 'application/vnd.contentful.management.v1+json', 'x-contentful-topic': 'ContentManagement.Entry.publish' };
    const sig = signRequest(secret, { method: 'POST', path, headers, body }, Date.now());
    return { path, headers: { ...headers, ...sig }, body };
  };
}

module.exports = [
  {
    id: 'contentful',
    preset: 'contentful',
    package: 'npm:@contentful/node-apps-toolkit',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: signed(''),
  },
  {
    id: 'contentful-query',
    preset: 'contentful',
    package: 'npm:@contentful/node-apps-toolkit',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: signed('?space=s1&env=master'),
  },
];
