import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  ejournal-verify --database-url URL [--checkpoints FILE] [--keys FILE] [--report FILE]
  ejournal-verify --export FILE --keys FILE [--checkpoints FILE] [--report FILE]
  ejournal-verify export --database-url URL --out FILE
  ejournal-verify keys --database-url URL --out FILE
  ejournal-verify prove --database-url URL (--event-id UUID | --position N) [--checkpoint ID]
  ejournal-verify consistency --database-url URL --from ID --to ID

verify (the default) checks every stream's hash chain, the Merkle log against the events,
the log's root at every stored and published (--checkpoints) checkpoint and each signature
against the keyring (--keys, else the keys the source lists). It prints the JSON report on
stdout (and to --report), a summary on stderr, and exits 1 when it found a problem.`;

export type Command =
  | {
      name: 'verify';
      databaseUrl?: string;
      exportFile?: string;
      checkpoints?: string;
      keys?: string;
      report?: string;
    }
  | { name: 'export' | 'keys'; databaseUrl: string; out: string }
  | { name: 'prove'; databaseUrl: string; eventId?: string; position?: string; checkpoint?: string }
  | { name: 'consistency'; databaseUrl: string; from: string; to: string }
  | { name: 'help' };

export class UsageError extends Error {
  readonly code = 'INTEGRITY.USAGE';
}

const OPTIONS = {
  'database-url': { type: 'string' },
  export: { type: 'string' },
  checkpoints: { type: 'string' },
  keys: { type: 'string' },
  report: { type: 'string' },
  out: { type: 'string' },
  'event-id': { type: 'string' },
  position: { type: 'string' },
  checkpoint: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  });
  const name = positionals[0] ?? 'verify';
  const required = (option: keyof typeof OPTIONS): string => {
    const value = values[option];
    if (typeof value !== 'string') throw new UsageError(`${name} needs --${option}`);
    return value;
  };
  if (values.help) return { name: 'help' };
  switch (name) {
    case 'verify':
      if (!values['database-url'] === !values.export) {
        throw new UsageError('verify needs either --database-url or --export');
      }
      return {
        name,
        databaseUrl: values['database-url'],
        exportFile: values.export,
        checkpoints: values.checkpoints,
        keys: values.keys,
        report: values.report,
      };
    case 'export':
    case 'keys':
      return { name, databaseUrl: required('database-url'), out: required('out') };
    case 'prove':
      if (!values['event-id'] === !values.position) {
        throw new UsageError('prove needs either --event-id or --position');
      }
      return {
        name,
        databaseUrl: required('database-url'),
        eventId: values['event-id'],
        position: values.position,
        checkpoint: values.checkpoint,
      };
    case 'consistency':
      return {
        name,
        databaseUrl: required('database-url'),
        from: required('from'),
        to: required('to'),
      };
    default:
      throw new UsageError(`unknown command ${name}`);
  }
}
