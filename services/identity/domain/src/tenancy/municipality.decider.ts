import type { MunicipalityRegistered } from '@ejournal/contracts';
import { defineDecider, type Fact } from '@ejournal/decider';

export type MunicipalityEvent = Fact<MunicipalityRegistered>;
export type MunicipalityCommand = {
  type: 'RegisterMunicipality';
  municipality: MunicipalityRegistered['data'];
};
export type MunicipalityState = { registered: boolean };

/** Registering twice is a retry and changes nothing. */
export const municipalityDecider = defineDecider<
  MunicipalityCommand,
  MunicipalityEvent,
  MunicipalityState
>({
  initialState: { registered: false },
  decide: (command, state) =>
    state.registered ? [] : [{ type: 'MunicipalityRegistered', data: command.municipality }],
  evolve: () => ({ registered: true }),
});
