#!/usr/bin/env node
// `npx ejournal-verify`: runs the verifier from the compiled tree (dist/), first running the
// project's build (tools/build.mjs) when dist/ is missing or older than the sources it needs.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const entry = path.join(root, 'dist/libs/integrity/src/cli/main.js');
const sources = ['integrity', 'event-store', 'contracts', 'config'].map((lib) =>
  path.join(root, 'libs', lib, 'src'),
);

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
if (built < Math.max(...sources.map(newestSource))) {
  // The build's own output goes to stderr: stdout carries the JSON report.
  const build = spawnSync(process.execPath, [path.join(root, 'tools/build.mjs')], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status !== 0) process.exit(2);
}

require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
