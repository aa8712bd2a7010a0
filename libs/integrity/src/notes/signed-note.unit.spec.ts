import { generateKeyPairSync, sign } from 'node:crypto';
import { loadSigningKey, rawPublicKey } from '../checkpoints/signing-key';
import { signCheckpoint } from '../checkpoints/checkpoint-format';
import { checkpointNote, logVerifierKey, readCheckpointNote } from './checkpoint-note';
import { cosign, verifyCosignature } from './cosignature';
import { keyNameProblem } from './key-name';
import {
  COSIGNATURE_V1_TYPE,
  ed25519NoteSignatureValid,
  formatNote,
  formatVerifierKey,
  noteKeyHash,
  parseNote,
  parseVerifierKey,
  type NoteSignature,
  type VerifierKey,
} from './signed-note';
import { witnessedBy, witnessPolicy } from './witness-policy';

// The example of golang.org/x/mod/sumdb/note's documentation and tests.
const GO_SIGNER_KEY =
  'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const GO_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const GO_TEXT =
  'If you think cryptography is the answer to your problem,\n' +
  "then you don't know what your problem is.\n";
const GO_SIGNATURE =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('C2SP signed notes', () => {
  const goSeed = Buffer.from(GO_SIGNER_KEY.split('+').slice(4).join('+'), 'base64').subarray(1);
  const { privateKey: goPrivate, publicKey: goPublic } = loadSigningKey(goSeed.toString('base64'));

  it('derives the reference verifier key, key hash and signature line of the Go note package', () => {
    expect(formatVerifierKey('PeterNeumann', goPublic)).toBe(GO_VERIFIER_KEY);
    expect(noteKeyHash('PeterNeumann', 0x01, goPublic)).toBe(0xc74f20a3);
    const key = parseVerifierKey(GO_VERIFIER_KEY);
    const [signature] = parseNote(`${GO_TEXT}\n${GO_SIGNATURE}`).signatures;
    expect(signature && ed25519NoteSignatureValid(GO_TEXT, signature, key)).toBe(true);
    const ours = formatNote({
      text: GO_TEXT,
      signatures: [
        {
          name: 'PeterNeumann',
          keyHash: key.keyHash,
          signature: sign(null, Buffer.from(GO_TEXT), goPrivate),
        },
      ],
    });
    expect(ours).toBe(`${GO_TEXT}\n${GO_SIGNATURE}`);
  });

  it('refuses verifier keys whose hash does not match, and key names a note cannot hold', () => {
    expect(() => parseVerifierKey(GO_VERIFIER_KEY.replace('c74f20a3', 'c74f20a4'))).toThrow(
      /hash does not match/,
    );
    expect(keyNameProblem('ejournal/ejournal_journal')).toBeNull();
    expect(keyNameProblem('région.example/ümlaut')).toBeNull();
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\u00a0b', 'a\u2028b', 'a\u0085b', 'a\u0007b']) {
      expect([bad, keyNameProblem(bad)]).toEqual([bad, expect.any(String)]);
    }
    expect(keyNameProblem('a\ud800b')).toMatch(/UTF-8/);
  });

  it('renders any signed checkpoint as a note its log key verifies, cosigned by witnesses', () => {
    const log = generateKeyPairSync('ed25519');
    const logPublic = rawPublicKey(log.publicKey);
    const checkpoint = {
      ...signCheckpoint(
        {
          logId: 'ejournal/test',
          treeSize: 12,
          rootHash: 'ab'.repeat(32),
          signedAt: '2027-06-30T12:00:00.000Z',
          keyId: 'archive-2027',
        },
        log.privateKey,
      ),
      checkpointId: '7',
    };
    const witness = generateKeyPairSync('ed25519');
    const witnessPublic = rawPublicKey(witness.publicKey);
    const witnessKey = formatVerifierKey('witness.example/w1', witnessPublic, COSIGNATURE_V1_TYPE);
    const body = checkpointNote(checkpoint, logPublic).split('\n\n')[0] + '\n';
    const cosignature = cosign(
      'witness.example/w1',
      witness.privateKey,
      witnessPublic,
      body,
      1_800_000_000,
    );
    const note = checkpointNote(checkpoint, logPublic, [cosignature]);

    expect(note).toMatch(
      /^ejournal\/test\n12\n[A-Za-z0-9+/]{43}=\ntime 2027-06-30T12:00:00\.000Z\nkey archive-2027\n\n— ejournal\/test \S+\n— witness\.example\/w1 \S+\n$/,
    );
    const { text, signatures } = parseNote(note);
    const [own, witnessed] = signatures as [NoteSignature, NoteSignature];
    const [witnessVerifier] = witnessPolicy([witnessKey], 1).witnesses as [VerifierKey];
    const logKey = parseVerifierKey(logVerifierKey('ejournal/test', logPublic));
    expect(ed25519NoteSignatureValid(text, own, logKey)).toBe(true);
    const read = readCheckpointNote(note, logPublic);
    expect(read.checkpoint).toEqual({ ...checkpoint, checkpointId: undefined });
    const policy = witnessPolicy([witnessKey], 1);
    expect(witnessedBy(text, signatures, policy)).toEqual({
      cosignedBy: [{ witness: 'witness.example/w1', time: 1_800_000_000 }],
      witnessed: true,
    });
    // A cosignature of another size does not count, nor the log's own signature as a witness's.
    const other = text.replace('\n12\n', '\n13\n');
    expect(verifyCosignature(other, witnessed, witnessVerifier)).toBeNull();
    expect(witnessedBy(text, [own], policy).witnessed).toBe(false);
    expect(() => witnessPolicy([witnessKey], 2)).toThrow(/quorum of 2 of 1/);
    expect(() => witnessPolicy([logVerifierKey('ejournal/test', logPublic)], 1)).toThrow(/0x04/);
  });
});
