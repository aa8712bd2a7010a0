import { newEventId, type Tenant } from '@ejournal/contracts';
import { isRefusal, type Decider } from '@ejournal/decider';
import {
  enrolmentDecider,
  grantsDecider,
  guardianshipDecider,
  schoolDecider,
  type RosterPlan,
  type RowIssue,
} from '@ejournal/identity-domain';
import { Injectable } from '@nestjs/common';
import { CommandRunner } from '../edge/command-runner';
import { Today } from '../people/today';
import { schoolTenant } from '../tenancy/tenant';
import { groupBy, mapLimit } from './map-limit';
import type { LoadedFacts } from './roster-facts-loader';

type AnyFact = { type: string; data: unknown };

export interface StreamWrite {
  streamId: string;
  expected: number;
  events: AnyFact[];
  tenant: Tenant;
}

interface Step<C> {
  line: number;
  key: string | null;
  command: C;
}

const CONCURRENCY = 8;

/**
 * The dry run: every command the plan implies, decided against the streams as they are now,
 * without writing. A refusal becomes an error of its row, so a failed import applies nothing.
 */
@Injectable()
export class RosterDecisions {
  constructor(
    private readonly runner: CommandRunner,
    private readonly today: Today,
  ) {}

  async decide(
    plan: RosterPlan,
    facts: LoadedFacts,
  ): Promise<{ writes: StreamWrite[]; errors: RowIssue[] }> {
    const errors: RowIssue[] = [];
    const tenant = schoolTenant(facts.regionId, facts.schoolId);
    const on = <C, E extends AnyFact, S>(
      streamId: string,
      decider: Decider<C, E, S>,
      steps: (state: S) => Step<C>[],
    ) => this.onStream(streamId, decider, steps, tenant, errors);
    const transferOn =
      this.today.date() < facts.year.startsOn ? facts.year.startsOn : this.today.date();
    const year = { academicYear: facts.academicYear, ...facts.year };
    const writes = await Promise.all([
      on(`school-${facts.schoolId}`, schoolDecider, () =>
        plan.classes.map(({ line, key, classId, grade, letter }) => ({
          line,
          key,
          command: {
            type: 'OpenClass' as const,
            class: { classId, academicYear: facts.academicYear, grade, letter },
          },
        })),
      ),
      ...(await mapLimit(plan.enrolments, CONCURRENCY, (enrolment) =>
        on(`enrolment-${enrolment.pupilId}`, enrolmentDecider, (state) => {
          const to = { schoolId: facts.schoolId, classId: enrolment.classId };
          const type = state.placement ? ('TransferPupil' as const) : ('EnrolPupil' as const);
          const onDate = state.placement ? transferOn : enrolment.onDate;
          return [
            {
              line: enrolment.line,
              key: null,
              command: { type, pupilId: enrolment.pupilId, to, onDate, year },
            },
          ];
        }),
      )),
      ...(await mapLimit(
        groupBy(plan.guardianships, (link) => link.pupilId),
        CONCURRENCY,
        ([pupilId, links]) =>
          on(`guardianship-${pupilId}`, guardianshipDecider, (state) =>
            links
              .filter((link) => !state.links[link.guardianId])
              .map(({ line, guardianId, relation, validFrom, validUntil }) => ({
                line,
                key: null,
                command: {
                  type: 'LinkGuardian' as const,
                  pupilId,
                  guardianId,
                  link: { relation, validFrom, validUntil, restrictions: [] },
                },
              })),
          ),
      )),
      ...(await mapLimit(
        groupBy(plan.grants, (grant) => grant.personId),
        CONCURRENCY,
        ([personId, grants]) =>
          on(`grants-${personId}`, grantsDecider, () =>
            grants.map(({ line, role, scope }) => ({
              line,
              key: null,
              command: { type: 'GrantRole' as const, personId, grantId: newEventId(), role, scope },
            })),
          ),
      )),
    ]);
    return { writes: writes.filter((write): write is StreamWrite => write !== null), errors };
  }

  private async onStream<C, E extends AnyFact, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    steps: (state: S) => Step<C>[],
    tenant: Tenant,
    errors: RowIssue[],
  ): Promise<StreamWrite | null> {
    const loaded = await this.runner.load(streamId, decider);
    let state = loaded.state;
    const events: E[] = [];
    for (const step of steps(state)) {
      try {
        const decided = decider.decide(step.command, state);
        state = decided.reduce(decider.evolve, state);
        events.push(...decided);
      } catch (error) {
        if (!isRefusal('IDENTITY', error)) throw error;
        errors.push({
          line: step.line,
          key: step.key,
          column: null,
          code: error.code,
          message: error.message,
        });
      }
    }
    return events.length > 0 ? { streamId, expected: loaded.version, events, tenant } : null;
  }
}
