// Compiles services and libs (TypeScript, decorators with metadata) to CommonJS under dist/,
// rewriting the @ejournal/* path aliases to relative requires so `node dist/...` runs as is.
//   node tools/build.mjs            every service and lib
// The web application's server (apps/web/server) is compiled the same way; its browser bundle is
// made by esbuild (apps/web/build.mjs) into dist/apps/web/public.
import { transformFile } from '@swc/core';
import { cp, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWeb } from '../apps/web/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const finalDir = path.join(root, 'dist');
// Built aside and switched in by renames, so a build never leaves dist/ half-empty under a
// process or a test that is running from it.
const outDir = path.join(root, `dist.building-${process.pid}`);
const swcrc = JSON.parse(await readFile(path.join(root, '.swcrc'), 'utf8'));
const { paths } = JSON.parse(
  await readFile(path.join(root, 'tsconfig.base.json'), 'utf8'),
).compilerOptions;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield full;
  }
}

await rm(outDir, { recursive: true, force: true });
let count = 0;
for (const top of [
  'libs',
  'services',
  'tools/bench',
  'tools/chaos',
  'apps/web/server',
  // The web application's end-to-end helpers (not its specs) run compiled in `bench -- web`.
  'apps/web/e2e',
]) {
  for await (const file of sources(path.join(root, top))) {
    const { code, map } = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      jsc: { ...swcrc.jsc, baseUrl: root, paths },
    });
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count += 1;
  }
}
// SQL migrations are read at run time next to the compiled code.
for (const top of ['libs', 'services']) {
  for (const project of await readdir(path.join(root, top))) {
    const migrations = path.join(root, top, project, 'migrations');
    const exists = await readdir(migrations).then(
      () => true,
      () => false,
    );
    if (exists)
      await cp(migrations, path.join(outDir, top, project, 'migrations'), { recursive: true });
  }
}
// The web application's browser bundle (esbuild) beside its server.
await buildWeb(path.join(outDir, 'apps/web/public'));
const previous = path.join(root, `dist.previous-${process.pid}`);
await rename(finalDir, previous).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(outDir, finalDir);
await rm(previous, { recursive: true, force: true });
process.stdout.write(`built ${count} files into ${path.relative(root, finalDir)}/\n`);
