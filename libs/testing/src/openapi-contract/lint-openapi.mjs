// Lints the OpenAPI document on standard input with Redocly's `recommended` rules and prints
// the findings as JSON. A child process: @redocly/openapi-core is ESM, Jest runs CommonJS.
import { createConfig, lintFromString } from '@redocly/openapi-core';

let source = '';
for await (const chunk of process.stdin) source += chunk;
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
const findings = problems.map((problem) => ({
  rule: problem.ruleId,
  severity: problem.severity,
  message: problem.message,
  where: problem.location[0]?.pointer ?? '',
}));
process.stdout.write(JSON.stringify(findings));
