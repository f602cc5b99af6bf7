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
// A reader that stops early (`workbench train ... | head`) closes the pipe. Only stdout is lost: Node
// drops later writes to it, a command that saves a model or writes a file finishes and exits with its
// own code, and a command whose only output is stdout (predict, suggest) stops reading its input
// (lib/cli/output.ts) and exits 0, as Unix tools do. Exiting here would stop a save half-way.
// The same for stderr (`2>&1 | head`): the exit code still tells how the command ended.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') return;
    throw err;
  });
}
require(main).main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
