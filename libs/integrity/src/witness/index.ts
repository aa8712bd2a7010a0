export {
  allCosignatures,
  cosignaturesOf,
  refusalsOf,
  type WitnessRefusal,
} from './cosignature-table';
export { addCheckpoint, type WitnessAnswer, type WitnessEndpoint } from './witness-client';
export {
  witnessesFrom,
  Witnessing,
  type Witness,
  type WitnessedCheckpoint,
  type WitnessingOptions,
} from './witnessing';
