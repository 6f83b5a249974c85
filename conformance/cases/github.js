'use strict';
// @octokit/webhooks-methods is ESM only: imported on first use.
const methods = () => import('@octokit/webhooks-methods');

const secret = 'conformance-github-secret';
const body = JSON.stringify({ action: 'opened', number: 1, pull_request: { title: 'Ünïcode ✓' } });

module.exports = [
  {
    id: 'github',
    preset: 'github',
    package: 'npm:@octokit/webhooks-methods',
    mode: 'sdk-signs',
    route: () => [`secret ${secret}`],
    sign: async () => ({
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'pull_request',
        'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
        'X-Hub-Signature-256': await (await methods()).sign(secret, body),
      },
      body,
    }),
  },
  {
    // octokit/webhooks-methods.js test/verify.test.ts: secret "mysecret",
    // payload {"foo":"bar"} and its published signature
    id: 'github-vector',
    preset: 'github',
    package: 'npm:@octokit/webhooks-methods',
    mode: 'sdk-verifies',
    vectors: true,
    route: () => ['secret mysecret'],
    sign: () => ({
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'ping',
        'X-GitHub-Delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0959',
        'X-Hub-Signature-256': 'sha256=4864d2759938a15468b5df9ade20bf161da9b4f737ea61794142f3484236bda3',
      },
      body: '{"foo":"bar"}',
    }),
    verify: async (d) => (await methods()).verify('mysecret', d.body.toString(), d.headers['X-Hub-Signature-256']),
  },
];
