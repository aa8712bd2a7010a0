// Writes the JSON Schema of every event type and version (and of the diary's notifications and
// the stores' checkpoints)
// from libs/contracts into
// libs/contracts/json-schema/, for school apps and auditors who read events without our code.
//   node tools/json-schemas.mjs          (re)write the files
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'libs/contracts/json-schema');
execFileSync(process.execPath, [path.join(root, 'tools/build.mjs')], { stdio: 'ignore' });
const { diaryJsonSchemas, identityRegistry, integrityJsonSchemas, journalRegistry } = createRequire(
  import.meta.url,
)(path.join(root, 'dist/libs/contracts/src/index.js'));

await mkdir(outDir, { recursive: true });
for (const stale of await readdir(outDir)) await rm(path.join(outDir, stale));
const schemas = {
  ...journalRegistry.jsonSchemas(),
  ...identityRegistry.jsonSchemas(),
  ...diaryJsonSchemas(),
  ...integrityJsonSchemas(),
};
for (const [key, schema] of Object.entries(schemas)) {
  await writeFile(path.join(outDir, `${key}.json`), `${JSON.stringify(schema, null, 2)}\n`);
}
process.stdout.write(
  `wrote ${Object.keys(schemas).length} schemas to libs/contracts/json-schema/\n`,
);
