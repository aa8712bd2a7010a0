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
          schema: p.schema ?? {},
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
        ...(contentType ? { body: { contentType, schema: media?.schema ?? {} } } : {}),
      };
    }),
  );
}
