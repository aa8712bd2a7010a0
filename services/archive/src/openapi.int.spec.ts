import * as testing from '@ejournal/testing';
import { registeredRoutes } from '@ejournal/http';
import { countByRule, lintOpenApi, undocumentedRoutes } from '@ejournal/testing';
import { archiveStores, type ArchiveStores } from './testing/archive-stores';
import { archiveTestApp, type ArchiveTestApp } from './testing/archive-test-app';

describe('archive: the OpenAPI document is a contract', () => {
  let stores: ArchiveStores;
  let archive: ArchiveTestApp;
  let document: { paths: Record<string, Record<string, { responses: object }>> };

  beforeAll(async () => {
    stores = await archiveStores('archive openapi', testing);
    archive = await archiveTestApp({ ...stores.environment, CONSUMERS_ENABLED: 'false' });
    document = (await archive.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  }, 60_000);
  afterAll(async () => {
    await archive?.close();
    await stores?.drop();
  });

  it('passes Redocly’s recommended rules with no error', async () => {
    const findings = await lintOpenApi(document);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    // Accepted: the public document, reference page and checkpoint keys answer no 4xx; the API
    // has no licence.
    expect(countByRule(findings)).toEqual({ 'info-license': 1, 'operation-4xx-response': 5 });
  }, 30_000);

  it('describes every route Nest registered, with the unknown-id answers', () => {
    expect(undocumentedRoutes(registeredRoutes(archive.app), document)).toEqual([]);
    const record = document.paths['/records/{recordId}']?.['get']?.responses;
    expect(JSON.stringify(record)).toContain('ARCHIVE.RECORD_NOT_FOUND');
    const list = document.paths['/records']?.['get']?.responses;
    expect(JSON.stringify(list)).toContain('ARCHIVE.UNKNOWN_SCHOOL');
    const sign = document.paths['/records/{recordId}/document/signatures']?.['post']?.responses;
    for (const code of [
      'ARCHIVE.HEAD_SIGNS_FIRST',
      'ARCHIVE.DOCUMENT_ALREADY_SIGNED',
      'ARCHIVE.NO_SIGNING_KEY',
    ])
      expect(JSON.stringify(sign)).toContain(code);
  });

  it('serves the reference page without a token', async () => {
    const page = await archive.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
  });
});
