#!/usr/bin/env node
// Runs after jsii (the compile task). cdk8s-plus-28..33 are optional peer dependencies, so jsii
// lists all six as dependencies of the assembly, and a jsii library that depends on cdk8s-netpol
// would then have to install every one ("Unable to locate jsii assembly for cdk8s-plus-29").
// No public type refers to cdk8s-plus (lib/constructs/interop/kplus-types.ts describes what we
// read structurally, and nothing loads cdk8s-plus at run time), so they are dropped from .jsii.
// Fails if a public type does refer to one: that would make one cdk8s-plus major required again.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const file = process.argv[2] ?? '.jsii';
const assembly = JSON.parse(fs.readFileSync(file, 'utf8'));
const { dependencies = {}, dependencyClosure = {}, fingerprint: _old, ...rest } = assembly;
const body = JSON.stringify(rest);
const kplus = Object.keys(dependencies).filter((name) => /^cdk8s-plus-\d+$/.test(name));
const used = kplus.filter((name) => body.includes(`"${name}.`));
if (used.length > 0) {
  console.error(`${file}: the public API refers to ${used.join(', ')}; use the structural IKplus* types of lib/constructs/interop instead`);
  process.exit(1);
}
for (const name of kplus) {
  delete dependencies[name];
  delete dependencyClosure[name];
}
const out = { ...rest, dependencies, dependencyClosure };
// The same fingerprint jsii computes: sha256 of the key-sorted assembly without it.
const sorted = (v) => (Array.isArray(v) ? v.map(sorted)
  : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
out.fingerprint = crypto.createHash('sha256').update(JSON.stringify(sorted(out))).digest('base64');
fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
