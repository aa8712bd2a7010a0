import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi-operations';
import {
  holesOf,
  requestTemplate,
  takesIds,
  Unbuildable,
  type Override,
  type RequestTemplate,
  type TemplateRules,
} from './request-template';
import { render, slotsOf, variantsOf, type IdBook, type Variant } from './variants';

export interface SweptService {
  name: string;
  document: OpenApiDocument;
  rules: TemplateRules;
  /** Hand-written parts of requests, keyed `METHOD /path/{param}`. */
  overrides: Record<string, Override>;
  /** Operations anyone may call (sign-in, JWKS, health): skipped, counted. */
  publicOperations: readonly string[];
  /**
   * Slots (`body.journalId`) of operations (`POST /journals`) that take an id the service does
   * not know yet (a chosen id, facts still on their way): B's id there is refused, but an
   * unknown one is not, so the sweep does not compare the two for a variant naming B there.
   */
  acceptsUnknownIds?: Record<string, readonly string[]>;
}

export interface PlannedOperation {
  operation: Operation;
  request: RequestTemplate;
  variants: Variant[];
  /** Slots where an unknown id is accepted (`SweptService.acceptsUnknownIds`). */
  acceptsUnknown: readonly string[];
}

export interface SweepPlan {
  planned: PlannedOperation[];
  unbuildable: { service: string; operation: string; reason: string }[];
  counts: Record<
    string,
    { operations: number; public: number; withoutIds: number; covered: number }
  >;
}

/** Requests that only read go first, and the ones that end something last, so a leaking
 * write cannot change B's state under the reads and writes swept after it. */
const FINAL_ACTS =
  /(sealing|voiding|revocation|withdraw|deactivate|closing|reopening|\/end|removal|unassignment|transfer)$/;
const phaseOf = ({ operation }: PlannedOperation) =>
  operation.method === 'GET'
    ? 0
    : operation.method === 'DELETE' || FINAL_ACTS.test(operation.path)
      ? 2
      : 1;

export function planSweep(services: SweptService[], ids: IdBook): SweepPlan {
  const plan: SweepPlan = { planned: [], unbuildable: [], counts: {} };
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
  for (const service of services) {
    const counts = { operations: 0, public: 0, withoutIds: 0, covered: 0 };
    plan.counts[service.name] = counts;
    for (const operation of operationsOf(service.name, service.document)) {
      counts.operations += 1;
      if (service.publicOperations.includes(operation.key)) counts.public += 1;
      else if (!takesIds(operation)) counts.withoutIds += 1;
      else {
        try {
          plan.planned.push(planOperation(operation, service, ids, ajv));
          counts.covered += 1;
        } catch (error) {
          if (!(error instanceof Unbuildable)) throw error;
          plan.unbuildable.push({
            service: service.name,
            operation: operation.key,
            reason: error.message,
          });
        }
      }
    }
  }
  plan.planned.sort((a, b) => phaseOf(a) - phaseOf(b));
  return plan;
}

function planOperation(
  operation: Operation,
  service: SweptService,
  ids: IdBook,
  ajv: Ajv2020,
): PlannedOperation {
  const request = requestTemplate(operation, service.rules, service.overrides[operation.key]);
  const templates = [
    ...Object.values(request.path),
    ...Object.values(request.query),
    request.body?.template ?? null,
  ];
  const holes = templates.flatMap(holesOf);
  if (holes.length === 0)
    throw new Unbuildable(
      'request',
      'it carries ids, but none the sweep fills (write an override)',
    );
  const unknown = holes.map((h) => h.kind).filter((kind) => !ids.A[kind] || !ids.B[kind]);
  if (unknown.length > 0)
    throw new Unbuildable(
      'request',
      `no school-A/B ids of the kind ${[...new Set(unknown)].join(', ')}`,
    );
  const body = request.body;
  if (body && /json/.test(body.contentType)) {
    const validate = ajv.compile(body.schema);
    if (!validate(render(body.template, 'A', ids)))
      throw new Unbuildable(
        'body',
        `the built body breaks its schema: ${ajv.errorsText(validate.errors)}`,
      );
  }
  return {
    operation,
    request,
    variants: variantsOf(slotsOf(request)),
    acceptsUnknown: service.acceptsUnknownIds?.[operation.key] ?? [],
  };
}
