export {
  FileFormatError,
  IntegrityError,
  LogIncompleteError,
  LogInconsistentError,
  NotFoundError,
  SigningKeyError,
  UnhashedEventError,
} from './errors';
export { EMPTY_ROOT, leafHash, nodeHash } from './merkle/tree-hash';
export { MerkleFrontier } from './merkle/merkle-frontier';
export { consistencyRanges, inclusionRanges, type LeafRange } from './merkle/tree-ranges';
export { verifyConsistency, verifyInclusion } from './merkle/verify-proofs';
export { LogBuilder } from './log/log-builder';
export { logRoot, logSize } from './log/log-size';
export {
  startIntegrityLog,
  type IntegrityLog,
  type IntegrityLogOptions,
} from './log/integrity-log';
export {
  checkpointBody,
  checkpointSignatureValid,
  signCheckpoint,
  type CheckpointFields,
  type SignedCheckpoint,
} from './checkpoints/checkpoint-format';
export { Checkpointer, type CheckpointerOptions } from './checkpoints/checkpointer';
export { recentCheckpoints } from './checkpoints/checkpoint-table';
export { listSigningKeys, registerSigningKey } from './checkpoints/key-table';
export { Keyring, type PublicKeyEntry } from './checkpoints/keyring';
export { readKeyringFile } from './checkpoints/keyring-file';
export { loadSigningKey, publicKeyObject, type CheckpointSigner } from './checkpoints/signing-key';
export type { CheckpointPublisher } from './publish/checkpoint-publisher';
export { NdjsonFilePublisher } from './publish/ndjson-file-publisher';
export { readCheckpointFile } from './publish/checkpoint-file';
export { ProofService, type ConsistencyProof, type InclusionProof } from './proofs/proof-service';
export type { EventRef } from './proofs/proof-queries';
export { databaseInput } from './verify/database-input';
export { exportInput } from './export/export-input';
export { exportStore } from './export/export-store';
export { exportStreams } from './export/stream-export';
export { STREAM_EXPORT_FORMAT, type StreamSelection } from './export/stream-export-format';
export {
  verifyStreamExport,
  type StreamExportProblem,
  type StreamExportReport,
  type VerifyExportOptions,
} from './export/verify-stream-export';
export { multiproofRanges, multiproofRoot } from './export/multiproof';
export { verifyIntegrity, type VerifyOptions } from './verify/verify-integrity';
export { summarize, type DisposedStream, type VerificationReport } from './verify/report';
export { PROBLEM_CODES, type Problem, type ProblemCode } from './verify/problems';
export type { VerificationInput } from './verify/verification-input';
export { IntegrityService } from './service/integrity-service';
export {
  integrityConfig,
  integrityEnv,
  integritySettings,
  type IntegrityConfig,
} from './config/integrity-config';
export { main as verifyCli } from './cli/main';
export * from './notes';
export * from './witness';
export { logVerifierKeys, type LogVerifierKey } from './notes/log-keys';
export { checkWitnesses, type WitnessReport } from './verify/witness-check';
