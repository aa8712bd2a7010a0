import type {
  GuardianLinked,
  GuardianshipEnded,
  GuardianshipRestricted,
} from '@ejournal/contracts';
import { defineDecider, unreachable, type Fact, type IsoDate } from '@ejournal/decider';
import { refuse } from '../identity.errors';
import { sameContent } from '../same-content';

export type GuardianshipEvent = Fact<GuardianLinked | GuardianshipRestricted | GuardianshipEnded>;
export type Link = Omit<GuardianLinked['data'], 'pupilId' | 'guardianId'>;
export type Restriction = GuardianLinked['data']['restrictions'][number];

export type GuardianshipCommand =
  | { type: 'LinkGuardian'; pupilId: string; guardianId: string; link: Link }
  | {
      type: 'RestrictGuardianship';
      pupilId: string;
      guardianId: string;
      restrictions: Restriction[];
      fromDate: IsoDate;
    }
  | {
      type: 'EndGuardianship';
      pupilId: string;
      guardianId: string;
      onDate: IsoDate;
      reason: GuardianshipEnded['data']['reason'];
    };

export interface GuardianshipState {
  /** Links in force, by guardian id. */
  links: Record<string, Link>;
}

/** Stream `guardianship-{pupilId}`: who may act for the pupil, from when, until when. */
export const guardianshipDecider = defineDecider<
  GuardianshipCommand,
  GuardianshipEvent,
  GuardianshipState
>({
  initialState: { links: {} },

  decide(command, state) {
    const { pupilId, guardianId } = command;
    const current = state.links[guardianId];
    if (command.type === 'LinkGuardian') {
      const { link } = command;
      if (current && sameContent(current, link)) return [];
      if (current)
        throw refuse.conflict(
          'IDENTITY.GUARDIANSHIP_EXISTS',
          'The guardian is already linked: restrict or end the link',
        );
      if (link.validUntil !== null && link.validUntil <= link.validFrom) {
        throw refuse.unprocessable(
          'IDENTITY.GUARDIANSHIP_DATES',
          'A link must end after it starts',
        );
      }
      return [{ type: 'GuardianLinked', data: { pupilId, guardianId, ...link } }];
    }
    if (!current)
      throw refuse.notFound('IDENTITY.NO_GUARDIANSHIP', 'The guardian is not linked to this pupil');
    switch (command.type) {
      case 'RestrictGuardianship': {
        const { restrictions, fromDate } = command;
        if (sameContent([...current.restrictions].sort(), [...restrictions].sort())) return [];
        return [
          { type: 'GuardianshipRestricted', data: { pupilId, guardianId, restrictions, fromDate } },
        ];
      }
      case 'EndGuardianship': {
        const { onDate, reason } = command;
        if (onDate < current.validFrom) {
          throw refuse.unprocessable(
            'IDENTITY.GUARDIANSHIP_DATES',
            `The link starts on ${current.validFrom}`,
          );
        }
        return [{ type: 'GuardianshipEnded', data: { pupilId, guardianId, onDate, reason } }];
      }
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    const links = { ...state.links };
    const { guardianId } = event.data;
    switch (event.type) {
      case 'GuardianLinked': {
        const { relation, validFrom, validUntil, restrictions } = event.data;
        links[guardianId] = { relation, validFrom, validUntil, restrictions };
        return { links };
      }
      case 'GuardianshipRestricted': {
        const link = links[guardianId];
        if (link) links[guardianId] = { ...link, restrictions: event.data.restrictions };
        return { links };
      }
      case 'GuardianshipEnded':
        delete links[guardianId];
        return { links };
      default:
        return unreachable(event);
    }
  },
});
