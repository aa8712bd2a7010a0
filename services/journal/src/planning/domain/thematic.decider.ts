import type { ThematicPlanSet } from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact } from '@ejournal/decider';
import { refusePlanning, type PlanningEntry } from './planning.errors';

export type ThematicItem = ThematicPlanSet['data']['items'][number];

export interface ThematicState {
  items: ThematicItem[];
  copiedFrom: string | null;
}

/** A journal's subject, and its source's when the plan is copied from another journal. */
export interface ThematicFacts {
  journal: { journalId: string; subjectId: string | null };
  source: { journalId: string; subjectId: string | null } | null;
}

export type ThematicCommand = {
  type: 'SetThematicPlan';
  journalId: string;
  items: ThematicItem[];
  facts: ThematicFacts;
};

export type ThematicFact = Fact<ThematicPlanSet>;

/**
 * A journal's calendar-thematic plan (`thematic-{journalId}`): the whole ordered list is set at
 * once (typed, imported or copied); numbers run 1…n in order.
 */
export const thematicDecider = defineDecider<ThematicCommand, ThematicFact, ThematicState>({
  initialState: { items: [], copiedFrom: null },
  evolve: (_state, event) => ({ items: event.data.items, copiedFrom: event.data.copiedFrom }),
  decide: (command) => {
    switch (command.type) {
      case 'SetThematicPlan': {
        const { journal, source } = command.facts;
        if (source && source.subjectId !== journal.subjectId) {
          throw refusePlanning.unprocessable(
            'PLANNING.COPY_OF_ANOTHER_SUBJECT',
            `Journal ${source.journalId} is of another subject`,
          );
        }
        const faults = numberingFaults(command.items);
        if (faults.length > 0) throw refusePlanning.plan(faults);
        const data = {
          journalId: command.journalId,
          items: command.items,
          copiedFrom: source?.journalId ?? null,
        };
        return [{ type: 'ThematicPlanSet', data }];
      }
      default:
        return unreachable(command.type);
    }
  },
});

function numberingFaults(items: readonly ThematicItem[]): PlanningEntry[] {
  return items.flatMap((item, index) =>
    item.number === index + 1
      ? []
      : [
          {
            code: 'PLANNING.PLAN_NUMBERS' as const,
            detail: `Item ${index + 1} is numbered ${item.number}`,
            number: item.number,
          },
        ],
  );
}
