'use strict';
// The evidence table, conformance/sdks.json, made from the cases and the
// versions locked in package-lock.json (npm) and go/go.mod (Go): one entry
// per preset, with the package that exercised it, its version, how
// (sdk-signs when any case has the SDK sign, else sdk-verifies) and
// whether one of its published test vectors went through the gate.
// Reference cases (no official package; signed here after the provider's
// published code) are not evidence of that kind and are left out.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function npmVersion(name) {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`${name} is not in package-lock.json`);
  return entry.version;
}

function goVersion(mod) {
  const gomod = fs.readFileSync(path.join(root, 'go', 'go.mod'), 'utf8');
  const m = gomod.match(new RegExp(`^\\s*(?:require\\s+)?${mod.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s+(v\\S+)`, 'm'));
  if (!m) throw new Error(`${mod} is not in go/go.mod`);
  return m[1];
}

function version(pkg) {
  const [kind, name] = [pkg.slice(0, pkg.indexOf(':')), pkg.slice(pkg.indexOf(':') + 1)];
  if (kind === 'npm') return npmVersion(name);
  if (kind === 'go') return goVersion(name);
  throw new Error(`package ${pkg}: want npm:<name> or go:<module>`);
}

function table(cases) {
  const byPreset = new Map();
  for (const c of cases.filter((x) => x.mode !== 'reference')) {
    const e = byPreset.get(c.preset) || { preset: c.preset, packages: new Map(), vectors: false };
    const p = e.packages.get(c.package) || { signs: false, verifies: false };
    if (c.mode === 'sdk-signs') p.signs = true; else p.verifies = true;
    e.packages.set(c.package, p);
    if (c.vectors) e.vectors = true;
    byPreset.set(c.preset, e);
  }
  const out = [];
  for (const e of [...byPreset.values()].sort((a, b) => a.preset.localeCompare(b.preset))) {
    for (const [pkg, p] of [...e.packages].sort((a, b) => a[0].localeCompare(b[0]))) {
      out.push({ preset: e.preset, package: pkg, version: version(pkg), mode: p.signs ? 'sdk-signs' : 'sdk-verifies', vectors: e.vectors });
    }
  }
  return out;
}

function render(cases) {
  return `${JSON.stringify(table(cases), null, 2)}\n`;
}

module.exports = { table, render, npmVersion, goVersion };

if (require.main === module) {
  fs.writeFileSync(path.join(root, 'sdks.json'), render(require('../cases')));
  console.log('wrote sdks.json');
}
