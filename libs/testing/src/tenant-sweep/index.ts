export {
  operationsOf,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
} from './openapi-operations';
export {
  idOf,
  idsOf,
  isIdName,
  type IdMeaning,
  type Override,
  type Template,
  type TemplateRules,
} from './request-template';
export { planSweep, type SweepPlan, type SweptService } from './sweep-plan';
export {
  failingOperations,
  runSweep,
  type Finding,
  type SweepSummary,
  type SweepTargets,
} from './sweep-run';
export { unknownIds, type IdBook } from './variants';
export { existenceFault, faultsOf, STABLE_CODE, type SweepAnswer } from './verdict';
