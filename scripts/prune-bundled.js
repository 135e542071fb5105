#!/usr/bin/env node
// npm's `prepack`: bundled dependencies are packed with their own `files` rules (ours do not
// apply inside node_modules/), so what the package must not carry is removed from the installed
// copy before packing. yaml ships a 504 KB browser build that Node never loads: its `exports`
// give Node `./dist` ("node" condition); `./browser` is only the fallback for bundlers.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
for (const dir of ['node_modules/yaml/browser']) {
  fs.rmSync(path.join(root, dir), { recursive: true, force: true });
}
