export { isValidKeyName, keyNameProblem } from './key-name';
export {
  COSIGNATURE_V1_TYPE,
  ED25519_TYPE,
  ed25519NoteSignatureValid,
  formatNote,
  formatSignatureLine,
  formatVerifierKey,
  noteKeyHash,
  NoteFormatError,
  parseNote,
  parseSignatureLines,
  parseVerifierKey,
  type NoteSignature,
  type SignedNote,
  type VerifierKey,
} from './signed-note';
export { cosign, cosignedMessage, verifyCosignature, type Cosignature } from './cosignature';
export {
  checkpointNote,
  logVerifierKey,
  parseCheckpointBody,
  readCheckpointNote,
} from './checkpoint-note';
export { witnessedBy, witnessPolicy, type WitnessPolicy, type Witnessed } from './witness-policy';
