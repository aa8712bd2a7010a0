// Bundles the web application (Preact + TypeScript) with esbuild into dist/apps/web/public:
// index.html, one script and one stylesheet whose names carry their content hash, each beside
// its Brotli (.br) and gzip (.gz) forms, compressed once here so the server only picks one.
//   node apps/web/build.mjs        (tools/build.mjs calls buildWeb with the rest of the workspace)
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function buildWeb(outDir = path.resolve(here, '../../dist/apps/web/public')) {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    entryPoints: {
      app: path.join(here, 'src/main.tsx'),
      styles: path.join(here, 'src/styles.css'),
    },
    outdir: outDir,
    entryNames: '[name].[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.basename(file));
  const script = outputs.find((file) => file.startsWith('app.') && file.endsWith('.js'));
  const styles = outputs.find((file) => file.startsWith('styles.') && file.endsWith('.css'));
  const html = (await readFile(path.join(here, 'src/index.html'), 'utf8'))
    .replace('%JS%', script)
    .replace('%CSS%', styles);
  await writeFile(path.join(outDir, 'index.html'), html);
  await precompress(outDir);
  return { outDir, script, styles };
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Every text asset's .br (best quality) and .gz: what the server sends to a browser that takes it. */
async function precompress(outDir) {
  const files = (await readdir(outDir)).filter((file) => /\.(html|js|css)$/.test(file));
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(path.join(outDir, file));
      const params = {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      };
      await writeFile(path.join(outDir, `${file}.br`), await brotli(content, { params }));
      await writeFile(path.join(outDir, `${file}.gz`), await gzipped(content, { level: 9 }));
    }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outDir, script } = await buildWeb();
  process.stdout.write(
    `built the web application into ${path.relative(process.cwd(), outDir)}/ (${script})\n`,
  );
}
