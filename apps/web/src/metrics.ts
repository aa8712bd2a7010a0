/**
 * Figures the browser tests read: how long a grid took from its answer to being laid out and
 * painted, and each entry from its keystroke to the journal's answer shown in its cell.
 */
export interface WebMetrics {
  /** `ms`: until rendered and laid out; `paintedMs`: until the next frame was painted. */
  gridRenders: { lessons: number; pupils: number; ms: number; paintedMs: number }[];
  saves: number[];
  firstScreenMs: number | null;
}

declare global {
  interface Window {
    ejournalMetrics: WebMetrics;
  }
}

window.ejournalMetrics ??= { gridRenders: [], saves: [], firstScreenMs: null };
export const metrics = window.ejournalMetrics;

/**
 * A User Timing mark (`ejournal:<name>`) on the browser's own clock, for the web benchmark:
 * `first-screen` (the first screen painted and usable), `sign-in-submitted`, `signed-in`
 * (identity answered), `grid-painted`.
 */
export const mark = (name: string) => performance.mark(`ejournal:${name}`);

/** Calls back after the browser painted what was just rendered. */
export const afterPaint = (callback: () => void) =>
  requestAnimationFrame(() => setTimeout(callback, 0));
