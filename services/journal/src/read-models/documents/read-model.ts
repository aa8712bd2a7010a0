import type { Collection, Connection, Model, Schema, UpdateWriteOpResult } from 'mongoose';

type Fields = Record<string, unknown>;
/** Any document as the driver takes it: an `_id` and fields. */
export type Identified = Fields & { _id: string };

/** What every stored document adds: the last version applied per stream, and quarantines. */
export type Stored<T> = T & {
  versions?: Record<string, number>;
  quarantine?: Record<string, string>;
};

/** Fields by name or path (`versions.<stream>`), with values or query operators. */
export type DocumentFilter = Fields;

/** Top-level fields and bookkeeping paths: what the projection, rebuild and specs change. */
export interface FieldUpdate {
  $set?: Fields;
  $unset?: Fields;
  $push?: Fields;
  $addToSet?: Fields;
}

/**
 * One read-model collection, typed by its document here once rather than cast at each call:
 * lean reads answer `Stored<T>`; writes take the documents the in-memory fold shapes (an
 * `_id` and fields: the schema refuses unknown paths). The mongoose model is untyped underneath
 * (inferring mongoose's generics from a generic T exhausts tsc's memory); `model` is it, for
 * `@ejournal/messaging`'s applyOnce and quarantine. The driver's collection (the model's own)
 * inserts without mongoose's casting, for documents that already have the schema's shape.
 */
export class ReadModel<T extends { _id: string }> {
  readonly model: Model<Fields>;
  private readonly collection: Collection<Identified>;

  constructor(connection: Connection, name: string, schema: Schema<Fields>) {
    this.model = connection.models[name] ?? connection.model<Fields>(name, schema);
    this.collection = connection.collection<Identified>(this.model.collection.collectionName);
  }

  get collectionName(): string {
    return this.model.collection.collectionName;
  }

  async findById(id: string): Promise<Stored<T> | null> {
    return this.model.findById(id).lean<Stored<T> | null>();
  }

  /** Only the named fields of a document (and its `_id`). */
  async findFields<K extends keyof Stored<T>>(
    id: string,
    fields: Record<K, 1>,
  ): Promise<Pick<Stored<T>, K | '_id'> | null> {
    return this.model.findById(id, fields).lean<Pick<Stored<T>, K | '_id'> | null>();
  }

  async find(filter: DocumentFilter = {}): Promise<Stored<T>[]> {
    return this.model.find(filter).lean<Stored<T>[]>();
  }

  updateOne(filter: DocumentFilter, update: FieldUpdate): Promise<UpdateWriteOpResult> {
    return this.model.updateOne(filter, update).exec();
  }

  async replaceOne(id: string, document: Identified, options: { upsert?: boolean } = {}) {
    await this.model.replaceOne({ _id: id }, document, options);
  }

  async deleteOne(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id });
  }

  async deleteMany(filter: DocumentFilter): Promise<void> {
    await this.model.deleteMany(filter);
  }

  /** Through mongoose, not cast document by document (`lean`). */
  async insertLean(documents: readonly Identified[]): Promise<void> {
    await this.model.insertMany(documents, { lean: true });
  }

  /** Straight to the driver: one document. */
  async insertOne(document: Identified): Promise<void> {
    await this.collection.insertOne(document);
  }

  /** Straight to the driver, unordered: a refused document does not stop the others. */
  async insertUnordered(documents: readonly Identified[]): Promise<void> {
    await this.collection.insertMany(documents, { ordered: false });
  }
}
