import type { JsonSchema, Operation } from './openapi-operations';

/** Where a request carries an id of some kind: filled with school A's or school B's. */
export class IdHole {
  constructor(
    readonly kind: string,
    readonly many: boolean,
  ) {}
}

/** An array whose item carries ids (`entries: [{ pupilId, marks }]`): mixed, it holds both. */
export class ListOf {
  constructor(readonly item: Template) {}
}

export type Template =
  IdHole | ListOf | null | boolean | number | string | Template[] | { [key: string]: Template };

export const idOf = (kind: string) => new IdHole(kind, false);
export const idsOf = (kind: string) => new IdHole(kind, true);

/** `schoolId`, `pupilIds`, `id`, `ids`: names that carry ids, wherever they appear. */
export const isIdName = (name: string) => /(?:Id|Ids)$/.test(name) || /^ids?$/.test(name);

/** An id name either names a kind of tenant-owned id or a value shared by every school. */
export type IdMeaning = string | { same: unknown };

export interface TemplateRules {
  /** Id names the sweep knows: `pupilId: 'pupil'`, `subjectId: { same: 'subject-math' }`. */
  vocabulary: Record<string, IdMeaning>;
  /** Values of other fields by name (`workType: 'classwork'`, `slot: 7`). */
  values: Record<string, unknown>;
  /** Values of strings by format (`date`, `date-time`). */
  formats: Record<string, string>;
}

/** A hand-written part of a request where the schema is not enough (`METHOD /path`). */
export interface Override {
  path?: Record<string, Template>;
  query?: Record<string, Template>;
  body?: Template;
}

export interface RequestTemplate {
  path: Record<string, Template>;
  query: Record<string, Template>;
  body?: { contentType: string; schema: JsonSchema; template: Template };
}

/** The sweep cannot build this part of a request: it fails until it is taught. */
export class Unbuildable extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

const TEXT = 'Проверка доступа';

/** Does the operation carry an id anywhere (path, query, body at any depth, optional or not)? */
export function takesIds(operation: Operation): boolean {
  const named = (schema: JsonSchema | undefined): boolean =>
    !!schema &&
    (Object.entries(schema.properties ?? {}).some(([name, p]) => isIdName(name) || named(p)) ||
      named(schema.items) ||
      (schema.anyOf ?? schema.oneOf ?? []).some(named));
  return (
    operation.parameters.some((p) => p.in === 'path' || isIdName(p.name)) ||
    named(operation.body?.schema)
  );
}

/**
 * A request with holes where ids go: required fields from the schema, filled with valid
 * values; optional query parameters only when they carry ids. Throws `Unbuildable`.
 */
export function requestTemplate(
  operation: Operation,
  rules: TemplateRules,
  override: Override = {},
): RequestTemplate {
  const parameters = (place: 'path' | 'query') =>
    Object.fromEntries(
      operation.parameters
        .filter((p) => p.in === place && (p.required || isIdName(p.name)))
        .map((p) => [
          p.name,
          override[place]?.[p.name] ?? fromSchema(p.schema, p.name, `${place} ${p.name}`, rules),
        ]),
    );
  const body = operation.body;
  return {
    path: parameters('path'),
    query: parameters('query'),
    ...(body
      ? {
          body: {
            ...body,
            template:
              override.body !== undefined
                ? override.body
                : fromSchema(body.schema, undefined, 'body', rules),
          },
        }
      : {}),
  };
}

function fromSchema(
  schema: JsonSchema,
  name: string | undefined,
  where: string,
  rules: TemplateRules,
): Template {
  if (name !== undefined && isIdName(name)) return idField(schema, name, where, rules);
  if (name !== undefined && name in rules.values) return rules.values[name] as Template;
  const choices = (schema.anyOf ?? schema.oneOf)?.filter((choice) => choice.type !== 'null');
  if (choices?.length) return firstBuildable(choices, name, where, rules);
  if ('const' in schema) return schema.const as Template;
  if (schema.enum?.length) return schema.enum[0] as Template;
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((property) => [
          property,
          fromSchema(schema.properties?.[property] ?? {}, property, `${where}/${property}`, rules),
        ]),
      );
    case 'array':
      return arrayOf(schema, where, rules);
    case 'string':
      return stringOf(schema, where, rules);
    case 'integer':
    case 'number':
      return numberOf(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      throw new Unbuildable(
        where,
        `no value for a schema without a type (${JSON.stringify(schema)})`,
      );
  }
}

function idField(schema: JsonSchema, name: string, where: string, rules: TemplateRules): Template {
  const meaning = rules.vocabulary[name];
  if (meaning === undefined)
    throw new Unbuildable(where, `no school-A/B ids for the id name "${name}"`);
  const many = schema.type === 'array';
  if (typeof meaning === 'object') return (many ? [meaning.same] : meaning.same) as Template;
  return new IdHole(meaning, many);
}

function firstBuildable(
  choices: JsonSchema[],
  name: string | undefined,
  where: string,
  rules: TemplateRules,
): Template {
  let failure: unknown;
  for (const choice of choices) {
    try {
      return fromSchema(choice, name, where, rules);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

function arrayOf(schema: JsonSchema, where: string, rules: TemplateRules): Template {
  if (schema.maxItems === 0) return [];
  const item = fromSchema(schema.items ?? {}, undefined, `${where}/0`, rules);
  if (holesOf(item).length > 0) return new ListOf(item);
  return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => item);
}

function stringOf(schema: JsonSchema, where: string, rules: TemplateRules): string {
  const value = (schema.format && rules.formats[schema.format]) || TEXT;
  const fits =
    value.length >= (schema.minLength ?? 0) &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
  if (!fits)
    throw new Unbuildable(where, `no value for the string schema ${JSON.stringify(schema)}`);
  return value;
}

function numberOf(schema: JsonSchema): number {
  const lowest =
    schema.minimum ?? (schema.exclusiveMinimum === undefined ? 1 : schema.exclusiveMinimum + 1);
  return Math.min(Math.max(lowest, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
}

/** Every id hole of a template, in order. */
export function holesOf(template: Template): IdHole[] {
  if (template instanceof IdHole) return [template];
  if (template instanceof ListOf) return holesOf(template.item);
  if (Array.isArray(template)) return template.flatMap(holesOf);
  if (template && typeof template === 'object') return Object.values(template).flatMap(holesOf);
  return [];
}
