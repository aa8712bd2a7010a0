import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { STATUS_CODES } from 'node:http';
import { isTracedRoute } from '../tracing/request-tracing';
import { openApiSchema, PROBLEMS } from './openapi';
import {
  mergeProblems,
  problemDetails,
  problemResponse,
  type ProblemDoc,
} from './problem-responses';
import { serveReferencePage } from './reference-page';
import { registeredRoutes, validationCodes, type RegisteredRoute } from './registered-routes';

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

/** Who may call a route: public, or a bearer token and the refusals that come with it. */
export interface RouteAccess {
  public: boolean;
  problems: ProblemDoc[];
}

export interface OpenApiOptions extends OpenApiInfo {
  /** Reads the route's auth decorators (libs/auth's `documentAccess`); default: all secured. */
  access?: (route: RegisteredRoute) => RouteAccess;
  /** Descriptions of the controllers' `@ApiTags`. */
  tags?: Record<string, string>;
}

/** `RecordLessonController.entries` → `recordLessonEntries`; `OpenJournal.open` → `openJournal`. */
export function operationName(controllerKey: string, methodKey: string): string {
  const base = controllerKey.replace(/Controller$/, '');
  const method = methodKey.charAt(0).toUpperCase() + methodKey.slice(1);
  const name = base.startsWith(method) ? base : `${base}${method}`;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const TRACEPARENT: ParameterObject = {
  name: 'traceparent',
  in: 'header',
  required: false,
  description:
    'W3C Trace Context: the request’s span, and the events it records, continue this trace',
  schema: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
};

/**
 * The service's OpenAPI 3.1 document from the controllers' decorators: zod schemas named in
 * `components.schemas`, problem details for every status a route can refuse with, bearer
 * security on every route but the public ones.
 */
export function buildOpenApiDocument(
  app: INestApplication,
  options: OpenApiOptions,
): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(options.title)
    .setVersion(options.version)
    .setDescription(options.description ?? '')
    .addServer('/', 'The service that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token from identity’s POST /auth/sign-in or POST /auth/token',
      },
      'bearer',
    )
    .addSecurityRequirements('bearer');
  for (const [name, description] of Object.entries(options.tags ?? {}))
    builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: operationName,
  });
  const shaper = new DocumentShaper(document);
  for (const route of registeredRoutes(app)) {
    const operation = document.paths[route.path]?.[route.method as 'get'];
    if (operation) shaper.shapeOperation(route, operation, options);
  }
  shaper.addReferenceRoutes();
  shaper.normaliseSchemas();
  return document;
}

class DocumentShaper {
  private readonly schemas: Record<string, SchemaObject | ReferenceObject>;

  constructor(private readonly document: OpenAPIObject) {
    const components = (document.components ??= {});
    this.schemas = components.schemas ??= {};
    components.parameters = { ...components.parameters, traceparent: TRACEPARENT };
    const { $defs } = openApiSchema(problemDetails, 'output') as { $defs: object };
    Object.assign(this.schemas, $defs);
  }

  shapeOperation(route: RegisteredRoute, operation: OperationObject, options: OpenApiOptions) {
    const access = options.access?.(route) ?? { public: false, problems: [] };
    if (access.public) operation.security = [];
    const parameters = (operation.parameters ??= []);
    for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
      const declared = parameters.some((p) => 'name' in p && p.name === name && p.in === 'path');
      if (!declared && name)
        parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
    if (isTracedRoute(route.path)) parameters.push({ $ref: '#/components/parameters/traceparent' });
    const codes = validationCodes(route);
    const problems = mergeProblems([
      ...(codes.length > 0 ? [{ status: 400, codes }] : []),
      ...access.problems,
      ...(Reflect.getMetadata(PROBLEMS, route.controller) ?? []),
      ...(Reflect.getMetadata(PROBLEMS, route.handler) ?? []),
    ]);
    const name = operation.operationId ?? '';
    this.nameSchemas(operation, name.charAt(0).toUpperCase() + name.slice(1));
    for (const problem of problems)
      operation.responses[String(problem.status)] = problemResponse(problem, route.path);
  }

  /** The request body and success answers as named components, when they are not yet refs. */
  private nameSchemas(operation: OperationObject, base: string) {
    const body = operation.requestBody;
    if (body && !('$ref' in body)) {
      for (const media of Object.values(body.content))
        media.schema = this.named(media.schema, `${base}Request`);
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!/^2/.test(status) || !response || '$ref' in response) continue;
      const answer = response as ResponseObject;
      answer.description ||= STATUS_CODES[Number(status)] ?? 'OK';
      for (const media of Object.values(answer.content ?? {}))
        media.schema = this.named(media.schema, `${base}Response`);
    }
  }

  private named(schema: SchemaObject | ReferenceObject | undefined, name: string) {
    if (!schema || '$ref' in schema || !['object', 'array'].includes(String(schema.type)))
      return schema;
    const json = JSON.stringify(schema);
    const same = Object.entries(this.schemas).find(([, known]) => JSON.stringify(known) === json);
    if (same) return { $ref: `#/components/schemas/${same[0]}` };
    if (this.schemas[name]) throw new Error(`Two schemas would be named ${name}`);
    this.schemas[name] = schema;
    return { $ref: `#/components/schemas/${name}` };
  }

  /** The document and the reference page are served beside Nest's routes (`serveOpenApi`). */
  addReferenceRoutes() {
    const get = (operationId: string, summary: string, type: string, schema: SchemaObject) => ({
      get: {
        operationId,
        summary,
        tags: ['reference'],
        security: [],
        responses: { '200': { description: 'OK', content: { [type]: { schema } } } },
      },
    });
    this.document.paths['/openapi.json'] = get(
      'openApiDocument',
      'This document (OpenAPI 3.1)',
      'application/json',
      { type: 'object' },
    );
    this.document.paths['/docs'] = get(
      'referencePage',
      'This document as a reference page (works offline)',
      'text/html',
      { type: 'string' },
    );
  }

  /**
   * zod's `$defs` (schemas named with `.meta({ id })`) become `components.schemas`; OpenAPI
   * 3.0's `nullable` of other libraries' decorators (terminus's health answers) becomes 3.1's.
   */
  normaliseSchemas() {
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (node === null || typeof node !== 'object') return;
      const object = node as Record<string, unknown>;
      if (typeof object['nullable'] === 'boolean') {
        if (object['nullable'] && typeof object['type'] === 'string')
          object['type'] = [object['type'], 'null'];
        delete object['nullable'];
      }
      const ref = object['$ref'];
      if (typeof ref === 'string' && ref.startsWith('#/$defs/'))
        object['$ref'] = ref.replace('#/$defs/', '#/components/schemas/');
      const defs = object['$defs'] as Record<string, SchemaObject> | undefined;
      delete object['$defs'];
      for (const [id, schema] of Object.entries(defs ?? {})) {
        visit(schema);
        const known = this.schemas[id];
        if (known && JSON.stringify(known) !== JSON.stringify(schema))
          throw new Error(`Two different schemas have the id ${id}`);
        this.schemas[id] = schema;
      }
      Object.values(object).forEach(visit);
    };
    visit(this.document);
  }
}

/** Serves the document at `/openapi.json` and its reference page at `/docs`, both public. */
export function serveOpenApi(app: NestFastifyApplication, options: OpenApiOptions): void {
  const document = buildOpenApiDocument(app, options);
  app
    .getHttpAdapter()
    .get('/openapi.json', (_request: unknown, reply: { send(body: unknown): void }) =>
      reply.send(document),
    );
  serveReferencePage(app, options.title);
}
