import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Swagger UI's own bundle from node_modules: the page needs no network beyond the service. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

// Relative URLs, so the page also works behind a gateway that prefixes the service's paths.
const START = `SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
});
`;

const page = (title: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title.replace(/[<>&"]/g, '')}</title>
    <link rel="stylesheet" href="docs/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="docs/swagger-ui-bundle.js"></script>
    <script src="docs/start.js"></script>
  </body>
</html>
`;

interface Reply {
  type(contentType: string): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): Reply;
}

/** `GET /docs`: the OpenAPI document rendered by Swagger UI, public like the document. */
export function serveReferencePage(app: NestFastifyApplication, title: string): void {
  const directory = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const files = new Map<string, Buffer>();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/docs', (_request, reply: Reply) =>
    reply.type('text/html; charset=utf-8').send(page(title)),
  );
  fastify.get('/docs/start.js', (_request, reply: Reply) =>
    reply.type('text/javascript; charset=utf-8').send(START),
  );
  for (const [name, type] of Object.entries(ASSETS)) {
    fastify.get(`/docs/${name}`, (_request, reply: Reply) => {
      const bytes = files.get(name) ?? readFileSync(path.join(directory, name));
      files.set(name, bytes);
      return reply.type(type).header('cache-control', 'public, max-age=86400').send(bytes);
    });
  }
}
