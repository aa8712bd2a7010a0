import { parseCommand } from './cli-args';

describe('parseCommand', () => {
  it('verifies by default, from a database or an export', () => {
    expect(parseCommand(['--database-url', 'postgres://db', '--keys', 'k.json'])).toMatchObject({
      name: 'verify',
      databaseUrl: 'postgres://db',
      keys: 'k.json',
    });
    expect(parseCommand(['--export', 'store.ndjson'])).toMatchObject({
      name: 'verify',
      exportFile: 'store.ndjson',
    });
  });

  it('refuses both sources or none, and missing options of a subcommand', () => {
    expect(() => parseCommand([])).toThrow('verify needs either --database-url or --export');
    expect(() => parseCommand(['--database-url', 'x', '--export', 'y'])).toThrow(/either/);
    expect(() => parseCommand(['export', '--database-url', 'x'])).toThrow('export needs --out');
    expect(() => parseCommand(['prove', '--database-url', 'x'])).toThrow(
      /--event-id or --position/,
    );
    expect(() => parseCommand(['dance'])).toThrow('unknown command dance');
    expect(() => parseCommand(['--verbose'])).toThrow(/Unknown option/);
  });

  it('reads the subcommands', () => {
    expect(
      parseCommand(['prove', '--database-url', 'x', '--event-id', 'e', '--checkpoint', '3']),
    ).toEqual({
      name: 'prove',
      databaseUrl: 'x',
      eventId: 'e',
      position: undefined,
      checkpoint: '3',
    });
    expect(
      parseCommand(['consistency', '--database-url', 'x', '--from', '1', '--to', '2']),
    ).toEqual({
      name: 'consistency',
      databaseUrl: 'x',
      from: '1',
      to: '2',
    });
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
  });

  it('reads the witness policy and the note commands', () => {
    expect(
      parseCommand([
        '--export',
        'e.ndjson',
        '--keys',
        'k.json',
        '--witness',
        'a+1+x',
        '--witness',
        'b+2+y',
        '--witness-keys',
        'w.txt',
        '--quorum',
        '2',
      ]),
    ).toMatchObject({
      name: 'verify',
      witnesses: ['a+1+x', 'b+2+y'],
      witnessKeys: 'w.txt',
      quorum: 2,
    });
    expect(() => parseCommand(['--export', 'e', '--quorum', 'two'])).toThrow(/whole number/);
    expect(parseCommand(['verifier-key', '--keys', 'k.json', '--log-id', 'ejournal/j'])).toEqual({
      name: 'verifier-key',
      databaseUrl: undefined,
      keys: 'k.json',
      logId: 'ejournal/j',
    });
    expect(() => parseCommand(['verifier-key', '--keys', 'k.json'])).toThrow(/--log-id/);
    expect(parseCommand(['note', '--database-url', 'x'])).toEqual({
      name: 'note',
      databaseUrl: 'x',
      checkpoint: undefined,
    });
  });
});
