/** The slice of an OpenAPI 3.1 document the fuzzing reads. */
export interface OpenApiPaths {
  paths: Record<
    string,
    Record<string, { parameters?: { in?: string }[]; requestBody?: { content?: object } }>
  >;
}

/** One operation: `GET /pupils/{pupilId}/diary`, as Schemathesis names it too. */
export interface Operation {
  key: string;
  method: string;
  path: string;
  /** It takes an `application/json` body. */
  jsonBody: boolean;
  /** Its path has parameters (`{pupilId}`). */
  pathParameters: boolean;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation of the document but the excluded ones (`METHOD /path`). */
export function operationsOf(document: OpenApiPaths, excluded: readonly string[]): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method])
      .map((method) => {
        const operation = item[method] ?? {};
        return {
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          jsonBody: Object.keys(operation.requestBody?.content ?? {}).includes('application/json'),
          pathParameters: path.includes('{'),
        };
      })
      .filter((operation) => !excluded.includes(operation.key)),
  );
}
