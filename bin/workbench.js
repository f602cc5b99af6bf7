#!/usr/bin/env node
// The `workbench` command: runs the compiled CLI in dist/ (built by `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const main = join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(`workbench: ${main} is missing; run \`npm run build\` in ${join(__dirname, '..')} first\n`);
  process.exit(2);
}
// A reader that stops early (`workbench predict ... | head`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});
require(main).main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
