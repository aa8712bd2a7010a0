/** The slice of JSON Schema the sweep reads (OpenAPI 3.1 embeds JSON Schema 2020-12). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  [keyword: string]: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

/** One operation of a service's OpenAPI document, keyed `METHOD /path/{param}`. */
export interface Operation {
  service: string;
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { contentType: string; schema: JsonSchema };
}

interface DocumentOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, DocumentOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The schema with its `#/components/schemas/…` references replaced by what they name. */
function inlined(schema: JsonSchema, document: OpenApiDocument, depth = 0): JsonSchema {
  if (depth > 32) throw new Error('A schema refers to itself too deeply to inline');
  const ref = schema['$ref'];
  const named =
    typeof ref === 'string'
      ? document.components?.schemas?.[ref.split('/').pop() ?? '']
      : undefined;
  const base = named ? { ...named, ...schema, $ref: undefined } : schema;
  return Object.fromEntries(
    Object.entries(base)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => [key, inlinedValue(value, document, depth + 1)]),
  ) as JsonSchema;
}

function inlinedValue(value: unknown, document: OpenApiDocument, depth: number): unknown {
  if (Array.isArray(value)) return value.map((item) => inlinedValue(item, document, depth));
  if (value === null || typeof value !== 'object') return value;
  return inlined(value as JsonSchema, document, depth);
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation of the document; a JSON body is preferred where several are offered. */
export function operationsOf(service: string, document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => {
      const operation = item[method] as DocumentOperation;
      const parameters = (operation.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({
          name: p.name,
          in: p.in as Parameter['in'],
          required: p.in === 'path' || p.required === true,
          schema: inlined(p.schema ?? {}, document),
        }));
      const content = Object.entries(operation.requestBody?.content ?? {});
      const [contentType, media] =
        content.find(([type]) => type === 'application/json') ?? content[0] ?? [];
      return {
        service,
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        parameters,
        ...(contentType
          ? { body: { contentType, schema: inlined(media?.schema ?? {}, document) } }
          : {}),
      };
    }),
  );
}
