import type { IsoDate } from '@ejournal/decider';
import { COUNTERS, type CompletionSeries } from './completion-series';

/**
 * How a series is stored: each counter's slots as one string (`3,,,3`: zeros left empty, none
 * after the last count).
 */
export interface StoredSeries {
  origin: IsoDate;
  length: number;
  /** Counters in COUNTERS' order, `;` between them. */
  counters: string;
  /** `day:delay:count` entries, `,` between them. */
  late: string;
}

export function encodeSeries(series: CompletionSeries): StoredSeries {
  const counters = COUNTERS.map((counter) =>
    series[counter]
      .map((value) => (value === 0 ? '' : String(value)))
      .join(',')
      .replace(/,+$/, ''),
  ).join(';');
  // In order of day and delay: the same series are stored the same whatever the summing order.
  const late = Object.entries(series.late)
    .map(([key, count]) => [...key.split(':').map(Number), count] as [number, number, number])
    .sort(([dayA, delayA], [dayB, delayB]) => dayA - dayB || delayA - delayB)
    .map((entry) => entry.join(':'))
    .join(',');
  return { origin: series.origin, length: series.length, counters, late };
}

export function decodeSeries(stored: StoredSeries): CompletionSeries {
  const parts = stored.counters.split(';');
  const series = { origin: stored.origin, length: stored.length, late: {} } as CompletionSeries;
  COUNTERS.forEach((counter, i) => {
    const values = new Array<number>(stored.length).fill(0);
    const text = parts[i] ?? '';
    if (text.length > 0) {
      text.split(',').forEach((value, slot) => {
        if (value !== '') values[slot] = Number(value);
      });
    }
    series[counter] = values;
  });
  for (const entry of stored.late === '' ? [] : stored.late.split(',')) {
    const cut = entry.lastIndexOf(':');
    series.late[entry.slice(0, cut)] = Number(entry.slice(cut + 1));
  }
  return series;
}
