import type { RegisteredRoute } from '@ejournal/http';
import { execFile } from 'node:child_process';
import path from 'node:path';

export interface LintFinding {
  rule: string;
  severity: 'error' | 'warn';
  message: string;
  /** JSON Pointer into the document: `#/paths/~1docs/get/responses`. */
  where: string;
}

/** Redocly's `recommended` rules over the document (@redocly/openapi-core, in a child node). */
export function lintOpenApi(document: object): Promise<LintFinding[]> {
  const script = path.join(__dirname, 'lint-openapi.mjs');
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [script],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(JSON.stringify(document));
  });
}

/** `METHOD /path` of every route Nest registered that the document does not describe. */
export function undocumentedRoutes(
  routes: readonly RegisteredRoute[],
  document: { paths: Record<string, Record<string, unknown>> },
): string[] {
  return routes
    .filter((route) => !document.paths[route.path]?.[route.method])
    .map((route) => `${route.method.toUpperCase()} ${route.path}`);
}

/** Findings counted by rule (`operation-4xx-response: 2`), for asserting on accepted warnings. */
export function countByRule(findings: readonly LintFinding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
  return counts;
}

/** Every operation of a document as `{ key: 'post /journals', operation }`. */
export function operationsOf<O>(document: { paths: Record<string, Record<string, O>> }) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ key: `${method} ${path}`, operation })),
  );
}
