import type { RebuildProgress } from './rebuild-aside';

const WIDTH = 30;

/**
 * The rebuild's progress on a terminal: one line redrawn in place (journals, events, rate,
 * time left); on anything else (a log, CI) a line at each tenth, so logs stay readable.
 */
export function progressBar(out: NodeJS.WriteStream) {
  let shownTenth = -1;
  let last = '';
  return {
    update(progress: RebuildProgress): void {
      const share = progress.of === 0 ? 1 : progress.journals / progress.of;
      const filled = Math.round(share * WIDTH);
      const rate = progress.seconds > 0 ? progress.events / progress.seconds : 0;
      const left = share > 0 ? (progress.seconds / share) * (1 - share) : 0;
      last =
        `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ` +
        `${progress.journals}/${progress.of} journals · ${progress.events} events · ` +
        `${Math.round(rate)} events/s · ${Math.ceil(left)} s left`;
      if (out.isTTY) {
        out.write(`\r${last}`);
        return;
      }
      const tenth = Math.floor(share * 10);
      if (tenth > shownTenth) {
        shownTenth = tenth;
        out.write(`${last}\n`);
      }
    },
    done(): void {
      if (out.isTTY && last) out.write('\n');
    },
  };
}
