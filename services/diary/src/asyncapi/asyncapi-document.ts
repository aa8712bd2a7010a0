import {
  diaryJsonSchemas,
  identityRegistry,
  INTEGRITY_CHECKPOINTS_TOPIC,
  integrityJsonSchemas,
  journalRegistry,
} from '@ejournal/contracts';
import { ENVELOPE_HEADERS } from '@ejournal/messaging';

export interface Topics {
  journal: string;
  identity: string;
  diary: string;
  /** The stores' signed checkpoints; `ejournal.integrity.checkpoints.v1` when not given. */
  integrity?: string;
  /** `host:port` of a broker, for the document's server. */
  broker: string;
}

const DRAFT_07 = 'application/schema+json;version=draft-07';
const text = { type: 'string' };

/** A JSON Schema from zod, without its `$schema` (the message names its format). */
function schemaOf(schema: object) {
  const rest: Record<string, unknown> = { ...schema };
  delete rest['$schema'];
  return { schemaFormat: DRAFT_07, schema: rest };
}

const eventHeaders = {
  type: 'object',
  properties: Object.fromEntries(ENVELOPE_HEADERS.map((name) => [name, text])),
  description: 'The envelope fields as strings, and the W3C trace context of the publish span',
};

function channel(
  address: string,
  description: string,
  key: string,
  schemas: Record<string, object>,
  headers: object,
) {
  const messages = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [
      name.replace('.', '_'),
      {
        name,
        title: name,
        contentType: 'application/json',
        payload: schemaOf(schema),
        headers,
        bindings: { kafka: { key: { type: 'string', description: key }, bindingVersion: '0.5.0' } },
      },
    ]),
  );
  return {
    address,
    description,
    messages,
    bindings: { kafka: { topic: address, bindingVersion: '0.5.0' } },
  };
}

/**
 * The AsyncAPI 3.0 document of every topic the platform publishes: identity's and the
 * journal's events (every type and schema version that can be on them, as recorded: upcast
 * on read with libs/contracts) and the diary's notifications, each with its JSON Schema from
 * libs/contracts, its key and its headers. A school app can consume from it alone.
 */
export function asyncApiDocument(topics: Topics) {
  const channels = {
    journalEvents: channel(
      topics.journal,
      'Every event of the journal service’s store, in stream order per key, at least once',
      'streamId: `journal-{journalId}`, `summary-{schoolId}-{startYear}-{classId}`, ' +
        '`planning-{schoolId}-{startYear}` (curriculum, bells, timetable versions and one-off ' +
        'changes) or `thematic-{journalId}` (a journal’s thematic plan)',
      journalRegistry.jsonSchemas(),
      eventHeaders,
    ),
    identityEvents: channel(
      topics.identity,
      'Identity’s facts (ids only): schools, calendars, policies, classes, rosters, guardianship, consents, grants',
      'streamId: `school-…`, `enrolment-…`, `group-…`, `guardianship-…`, `consent-…`, `grants-…`',
      identityRegistry.jsonSchemas(),
      eventHeaders,
    ),
    diaryNotifications: channel(
      topics.diary,
      'One message per notification and recipient (the pupil, each consenting guardian); ' +
        'drop a repeat by `notificationId`, which a redelivery keeps. Kinds are only ever ' +
        'added within v1 (the timetable’s `lesson_cancelled`, `lesson_substituted`, ' +
        '`lesson_moved`, `lesson_added` and `timetable_changed` came later): skip a `kind` ' +
        'you do not know',
      'pupilId: every notification about a pupil is on one partition, in order',
      diaryJsonSchemas(),
      { type: 'object', properties: { notificationId: text, kind: text, schemaVersion: text } },
    ),
    integrityCheckpoints: channel(
      topics.integrity ?? INTEGRITY_CHECKPOINTS_TOPIC,
      'Each store’s signed Merkle-log checkpoints (identity, journal, archive), with the RFC 9162 ' +
        'consistency proof from the checkpoint before; kept for good. Check a signature against ' +
        'the keys the ministry publishes, not the `publicKey` hint',
      'logId: every checkpoint of a store is on one partition, in order',
      integrityJsonSchemas(),
      { type: 'object', properties: { logId: text, checkpointId: text, schemaVersion: text } },
    ),
  };
  const operations = Object.fromEntries(
    Object.entries(channels).map(([name, each]) => [
      `publish${name[0]?.toUpperCase()}${name.slice(1)}`,
      {
        action: 'send',
        summary: `The platform publishes to ${each.address}`,
        channel: { $ref: `#/channels/${name}` },
        messages: Object.keys(each.messages).map((message) => ({
          $ref: `#/channels/${name}/messages/${message}`,
        })),
      },
    ]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'ejournal topics',
      version: '1',
      description:
        'The Kafka topics of the ejournal platform. Every message is JSON; events carry ids, ' +
        'never names. Each topic has a dead-letter twin `<topic>.dlq` for its consumers.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: topics.broker, protocol: 'kafka', description: 'The region’s Kafka cluster' },
    },
    channels,
    operations,
  };
}
