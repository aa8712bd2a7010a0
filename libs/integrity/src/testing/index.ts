export {
  buildWholeLog,
  integrityFixture,
  markRecorded,
  newSigner,
  untilReadable,
  type IntegrityFixture,
} from './integrity-fixture';
