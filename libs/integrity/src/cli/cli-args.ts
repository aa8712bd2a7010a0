import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  ejournal-verify --database-url URL [--checkpoints FILE] [--keys FILE] [--report FILE]
  ejournal-verify --export FILE --keys FILE [--checkpoints FILE] [--report FILE]
  ejournal-verify export --database-url URL --out FILE
  ejournal-verify fetch --url URL --out FILE [--keys FILE] [--token TOKEN] [--report FILE]
  ejournal-verify keys --database-url URL --out FILE
  ejournal-verify prove --database-url URL (--event-id UUID | --position N) [--checkpoint ID]
  ejournal-verify consistency --database-url URL --from ID --to ID
  ejournal-verify verifier-key (--database-url URL | --keys FILE --log-id ID)
  ejournal-verify note --database-url URL [--checkpoint ID]

Witnesses: with --witness VKEY (repeatable) or --witness-keys FILE (one verifier key a line)
and --quorum N (default: all of them), every published checkpoint must carry a note cosigned
by at least N of those witnesses; the report says which witness saw which tree sizes.
verifier-key prints the log's verifier keys (<origin>+<key hash>+<base64 key>); note prints a
stored checkpoint (the latest by default) as a C2SP signed note with its cosignatures.

verify (the default) checks every stream's hash chain, the Merkle log against the events,
the log's root at every stored and published (--checkpoints) checkpoint and each signature
against the keyring (--keys, else the keys the source lists). It prints the JSON report on
stdout (and to --report), a summary on stderr, and exits 1 when it found a problem.

--export takes a whole-store export (ejournal-verify export) or a stream export
(ejournal-stream-export/1, from a service's GET /audit/export): the kind is read from its
header. fetch downloads a stream export from a service's GET /audit/export?stream=… (bearer
token from --token or EJOURNAL_AUDIT_TOKEN, an auditor's), writes it to --out and verifies it
offline against --keys.`;

export type Command =
  | {
      name: 'verify';
      databaseUrl?: string;
      exportFile?: string;
      checkpoints?: string;
      keys?: string;
      report?: string;
      witnesses?: string[];
      witnessKeys?: string;
      quorum?: number;
    }
  | { name: 'verifier-key'; databaseUrl?: string; keys?: string; logId?: string }
  | { name: 'note'; databaseUrl: string; checkpoint?: string }
  | { name: 'export' | 'keys'; databaseUrl: string; out: string }
  | { name: 'fetch'; url: string; out: string; keys?: string; token?: string; report?: string }
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
  witness: { type: 'string', multiple: true },
  'witness-keys': { type: 'string' },
  quorum: { type: 'string' },
  'log-id': { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
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
        witnesses: values.witness,
        witnessKeys: values['witness-keys'],
        quorum: quorumOf(values.quorum),
      };
    case 'verifier-key':
      if (!values['database-url'] === !(values.keys && values['log-id'])) {
        throw new UsageError('verifier-key needs either --database-url or --keys and --log-id');
      }
      return {
        name,
        databaseUrl: values['database-url'],
        keys: values.keys,
        logId: values['log-id'],
      };
    case 'note':
      return { name, databaseUrl: required('database-url'), checkpoint: values.checkpoint };
    case 'export':
    case 'keys':
      return { name, databaseUrl: required('database-url'), out: required('out') };
    case 'fetch':
      return {
        name,
        url: required('url'),
        out: required('out'),
        keys: values.keys,
        token: values.token,
        report: values.report,
      };
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

function quorumOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value)) throw new UsageError('--quorum is a whole number');
  return Number(value);
}
