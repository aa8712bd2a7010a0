export {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  untilReadable,
  type IntegrityFixture,
} from './integrity-fixture';
export { goNoteVerify, registerLog, testWitnesses, type TestWitness } from './witnesses';
export { alterPayload, rechain } from './tamper-scenario';
