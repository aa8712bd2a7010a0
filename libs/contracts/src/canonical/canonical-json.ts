/** The value cannot be written as canonical JSON; `path` points at the culprit (`$.data.weight`). */
export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`Cannot canonicalize ${path}: ${reason}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * RFC 8785 JSON Canonicalization Scheme: the bytes that are hashed, so two programs that agree
 * on the data agree on the hash. Accepts only JSON data (plain objects, arrays, strings, finite
 * numbers, booleans, null) and throws rather than let JSON.stringify drop or coerce something.
 * Object properties whose value is undefined are omitted, as JSON.stringify does.
 */
export function canonicalize(value: unknown, options: CanonicalOptions = {}): string {
  return serialize(value, '$', new Set(), options.unsafeIntegers === 'allow');
}

export interface CanonicalOptions {
  /**
   * `refuse` (the default, for everything hashed): a whole number beyond ±(2^53 − 1) is an
   * error. `allow`: plain RFC 8785 number formatting, e.g. for its Appendix B test vectors.
   */
  unsafeIntegers?: 'refuse' | 'allow';
}

function serialize(
  value: unknown,
  path: string,
  ancestors: Set<object>,
  allowUnsafe: boolean,
): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      return serializeNumber(value, path, allowUnsafe);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (ancestors.has(value)) throw new CanonicalJsonError(path, 'circular reference');
      ancestors.add(value);
      try {
        return Array.isArray(value)
          ? serializeArray(value, path, ancestors, allowUnsafe)
          : serializeObject(value, path, ancestors, allowUnsafe);
      } finally {
        ancestors.delete(value);
      }
  }
  throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
}

// RFC 8785 §3.2.2.2 adopts ECMAScript's JSON string serialization. Lone surrogates are refused
// because the input must be I-JSON (RFC 7493), and PostgreSQL jsonb rejects them too.
function serializeString(value: string, path: string): string {
  if (/\p{Cs}/u.test(value)) throw new CanonicalJsonError(path, 'string has a lone surrogate');
  return JSON.stringify(value);
}

// RFC 8785 §3.2.2.3 adopts ECMAScript Number::toString, which JSON.stringify applies to finite
// numbers (-0 becomes "0"). A whole number beyond ±(2^53 − 1) is refused: I-JSON (RFC 7493
// §2.2, which RFC 8785 requires of its input) keeps integers in that range because past it a
// parser has already rounded the writer's value (9007199254740993 arrives as ...992), so the hash
// would be over a number nobody wrote. Such values travel as strings.
function serializeNumber(value: number, path: string, allowUnsafe: boolean): string {
  if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
  if (!allowUnsafe && Number.isInteger(value) && !Number.isSafeInteger(value)) {
    throw new CanonicalJsonError(path, `${value} is a whole number beyond ±(2^53 − 1)`);
  }
  return JSON.stringify(value);
}

function serializeArray(
  items: unknown[],
  path: string,
  ancestors: Set<object>,
  allowUnsafe: boolean,
): string {
  const parts: string[] = [];
  // An index loop, not map(), so that holes of sparse arrays are seen and refused.
  for (let index = 0; index < items.length; index++) {
    const itemPath = `${path}[${index}]`;
    const item = items[index];
    if (item === undefined) throw new CanonicalJsonError(itemPath, 'undefined in an array');
    parts.push(serialize(item, itemPath, ancestors, allowUnsafe));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(
  value: object,
  path: string,
  ancestors: Set<object>,
  allowUnsafe: boolean,
): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    const name = value.constructor?.name ?? 'object';
    throw new CanonicalJsonError(path, `${name} is not a plain object`);
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  // The default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined) continue;
    const memberPath = `${path}.${key}`;
    members.push(
      `${serializeString(key, memberPath)}:${serialize(member, memberPath, ancestors, allowUnsafe)}`,
    );
  }
  return `{${members.join(',')}}`;
}
