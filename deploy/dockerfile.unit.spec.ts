import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  image: string;
  name?: string;
  instructions: Instruction[];
}

const root = path.resolve(__dirname, '..');

function instructionsOf(dockerfile: string): Instruction[] {
  return dockerfile
    .split(/\r?\n/)
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
      return { keyword: keyword.toUpperCase(), args };
    });
}

function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const [, image = '', name] =
        /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args) ?? [];
      stages.push({ image, name, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

const stages = stagesOf(instructionsOf(readFileSync(path.join(root, 'Dockerfile'), 'utf8')));
const runtime = stages.at(-1) ?? { image: '', instructions: [] };
const argsOf = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('Dockerfile', () => {
  it('builds in several stages on official Node 24 images', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const stageNames = stages.map((stage) => stage.name);
    for (const { image } of stages.filter((stage) => !stageNames.includes(stage.image))) {
      expect(image).toMatch(/^node:24(\.\d+){0,2}(-[\w.-]+)?(@sha256:[0-9a-f]{64})?$/);
    }
  });

  it('builds the workspace with npm ci and npm run build', () => {
    const runs = stages.flatMap((stage) => argsOf(stage, 'RUN'));
    expect(runs.some((run) => /\bnpm ci\b(?!.*--omit=dev)/.test(run))).toBe(true);
    expect(runs.some((run) => /\bnpm run build\b/.test(run))).toBe(true);
  });

  it('ships only production dependencies', () => {
    expect(argsOf(runtime, 'RUN').filter((run) => /\bnpm (ci|install|i)\b/.test(run))).toEqual([]);
    const copy = argsOf(runtime, 'COPY').find((args) => /node_modules/.test(args)) ?? '';
    const source = stages.find((stage) => stage.name === /--from=(\S+)/.exec(copy)?.[1]);
    expect(source && argsOf(source, 'RUN').join('\n')).toMatch(/\bnpm ci\b.*--omit=dev/);
  });

  it('runs as the node user with production settings', () => {
    expect(argsOf(runtime, 'USER').at(-1)).toBe('node');
    const env = argsOf(runtime, 'ENV').join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bSERVICE=\$\{?SERVICE\b/);
    expect(argsOf(runtime, 'EXPOSE')).not.toEqual([]);
  });

  it('checks /health/live with node, as slim images have no curl', () => {
    const healthcheck = argsOf(runtime, 'HEALTHCHECK').at(-1) ?? '';
    expect(healthcheck).toMatch(/\bCMD \[\s*"node"/);
    expect(healthcheck).toContain('/health/live');
  });

  it("starts the service's compiled entry point", () => {
    const cmd = JSON.parse(argsOf(runtime, 'CMD').at(-1) ?? 'null') as string[];
    expect(cmd.join(' ')).toMatch(/\bnode dist\/services\/\$\{?SERVICE\}?\/src\/main\.js$/);
  });
});

describe('.dockerignore', () => {
  const patterns = readFileSync(path.join(root, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('sends only sources to the build', () => {
    expect(patterns[0]).toBe('*');
    const included = patterns.filter((pattern) => pattern.startsWith('!'));
    expect(included.filter((p) => /node_modules|dist|\.env|\.infra|\.git\b/.test(p))).toEqual([]);
    expect(included).toEqual(expect.arrayContaining(['!package-lock.json', '!services/']));
  });
});
