'use strict';
// sdks.json is what the docs print as evidence: it must be the table the
// cases make, at the versions actually locked and installed.
const { it } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { render } = require('../lib/sdks');
const cases = require('../cases');

const root = path.resolve(__dirname, '..');

it('sdks.json is the table the cases make (regenerate: node lib/sdks.js)', () => {
  assert.equal(fs.readFileSync(path.join(root, 'sdks.json'), 'utf8'), render(cases));
});

it('every npm package in sdks.json is installed at its locked version', () => {
  const entries = JSON.parse(fs.readFileSync(path.join(root, 'sdks.json'), 'utf8'));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const e of entries.filter((x) => x.package.startsWith('npm:'))) {
    const name = e.package.slice(4);
    assert.equal(pkg.dependencies[name], e.version, `${name}: package.json pins ${pkg.dependencies[name]}, sdks.json says ${e.version}`);
    const installed = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8'));
    assert.equal(installed.version, e.version, `${name}: installed ${installed.version}, locked ${e.version} (run npm ci)`);
  }
});

it('package.json pins every dependency exactly', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  for (const [name, v] of Object.entries(pkg.dependencies)) {
    assert.match(v, /^\d+\.\d+\.\d+$/, `${name} ${v} is not an exact version`);
  }
});
