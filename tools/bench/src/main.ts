import { benchArchive } from './archive/archive.bench';
import { benchDiary } from './diary/diary.bench';
import { benchEventStore } from './event-store/event-store.bench';
import { benchIdentity } from './identity/identity.bench';
import { benchJournal } from './journal/journal.bench';
import { benchLoad } from './load/load.bench';
import { benchMessaging } from './messaging/messaging.bench';
import { benchPlanning } from './planning/planning.bench';
import { benchWeb } from './web/web.bench';

const BENCHMARKS: Record<string, () => Promise<unknown>> = {
  archive: benchArchive,
  diary: benchDiary,
  'event-store': benchEventStore,
  identity: benchIdentity,
  journal: benchJournal,
  load: benchLoad,
  messaging: benchMessaging,
  planning: benchPlanning,
  web: benchWeb,
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const bench = BENCHMARKS[name];
  if (!bench) {
    process.stderr.write(
      `unknown benchmark "${name}"; one of: ${Object.keys(BENCHMARKS).join(', ')}\n`,
    );
    process.exit(2);
  }
  const figures = await bench();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
