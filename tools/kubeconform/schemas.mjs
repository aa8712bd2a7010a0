// Writes the strict JSON schemas kubeconform validates deploy/k8s against, one file per kind
// and version, at `<out>/<group>/<kind>_<version>.json` (`<group>` is `v1` for the core group,
// as kubeconform's `{{ .Group }}` names it):
//   - Kubernetes' own kinds from its OpenAPI v2 document (api/openapi-spec/swagger.json of the
//     k8s.io/kubernetes Go module), each with the definitions it refers to;
//   - custom resources from their CustomResourceDefinitions (`openAPIV3Schema` of each version).
// Strict, as kubeconform's `-strict` schemas are: an object with declared properties takes no
// others (unless it preserves unknown fields), so a misspelt field fails validation.
//
// Usage: node schemas.mjs --out DIR --kubernetes swagger.json [--crds FILE.yaml ...]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

const DRAFT = 'http://json-schema.org/draft-07/schema#';
const INT_OR_STRING = { oneOf: [{ type: 'string' }, { type: 'integer' }] };
// Kubernetes accepts a quantity as a string ('500m', '1Gi') or a plain number (2).
const QUANTITY = { oneOf: [{ type: 'string' }, { type: 'number' }] };
const REPLACED = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': INT_OR_STRING,
  'io.k8s.apimachinery.pkg.api.resource.Quantity': QUANTITY,
};
const NESTED = ['items', 'additionalProperties', 'not'];
const LISTS = ['allOf', 'anyOf', 'oneOf'];

/** A copy of `schema` where every object with declared properties refuses other ones. */
function strict(schema) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out = { ...schema };
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
  }
  if (out['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    if (!out.anyOf && !out.oneOf) Object.assign(out, INT_OR_STRING);
  }
  if (out.properties) {
    out.properties = Object.fromEntries(
      Object.entries(out.properties).map(([name, property]) => [name, strict(property)]),
    );
    const open = out['x-kubernetes-preserve-unknown-fields'] === true;
    if (!open && out.additionalProperties === undefined) out.additionalProperties = false;
  }
  for (const key of NESTED) if (typeof out[key] === 'object') out[key] = strict(out[key]);
  for (const key of LISTS) if (Array.isArray(out[key])) out[key] = out[key].map(strict);
  return out;
}

/** Pins apiVersion and kind, so a document is checked against its own kind's schema only. */
function pinned(schema, apiVersion, kind) {
  const properties = { ...schema.properties };
  properties.apiVersion = { type: 'string', enum: [apiVersion] };
  properties.kind = { type: 'string', enum: [kind] };
  return { ...schema, properties };
}

function write(out, group, version, kind, schema) {
  const folder = path.join(out, group || version);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${kind.toLowerCase()}_${version}.json`);
  writeFileSync(file, `${JSON.stringify({ $schema: DRAFT, ...schema })}\n`);
}

/**
 * `schema` with each reference replaced by the definition it names (so an error names the
 * field, not the reference), except a reference back into its own chain (JSONSchemaProps),
 * which stays a reference into `definitions`, recorded in `kept`.
 */
function inlined(schema, definitions, kept, chain = []) {
  if (!schema || typeof schema !== 'object') return schema;
  if (Array.isArray(schema)) return schema.map((item) => inlined(item, definitions, kept, chain));
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/definitions/', '');
    if (REPLACED[name]) return REPLACED[name];
    if (chain.includes(name)) {
      if (!kept.has(name)) {
        kept.set(name, null);
        kept.set(name, inlined(definitions[name], definitions, kept, [name]));
      }
      return { $ref: schema.$ref };
    }
    return inlined(definitions[name], definitions, kept, [...chain, name]);
  }
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, inlined(value, definitions, kept, chain)]),
  );
}

function kubernetesSchemas(swaggerFile, out) {
  const { definitions } = JSON.parse(readFileSync(swaggerFile, 'utf8'));
  let count = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    const kinds = definition['x-kubernetes-group-version-kind'] ?? [];
    // Kinds shared by every group (DeleteOptions, WatchEvent) are not manifests.
    if (kinds.length !== 1) continue;
    const [{ group, version, kind }] = kinds;
    const apiVersion = group ? `${group}/${version}` : version;
    const kept = new Map();
    const schema = pinned(strict(inlined(definition, definitions, kept, [name])), apiVersion, kind);
    const own = Object.fromEntries([...kept].map(([ref, kept]) => [ref, strict(kept)]));
    write(out, group, version, kind, { ...schema, definitions: own });
    count += 1;
  }
  return count;
}

function customResourceSchemas(crdFile, out) {
  let count = 0;
  for (const document of parseAllDocuments(readFileSync(crdFile, 'utf8'))) {
    const crd = document.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names } = crd.spec;
    for (const { name: version, schema } of crd.spec.versions) {
      if (!schema?.openAPIV3Schema) continue;
      const apiVersion = `${group}/${version}`;
      write(
        out,
        group,
        version,
        names.kind,
        pinned(strict(schema.openAPIV3Schema), apiVersion, names.kind),
      );
      count += 1;
    }
  }
  return count;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    kubernetes: { type: 'string' },
    crds: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.out || !values.kubernetes) {
  console.error('usage: node schemas.mjs --out DIR --kubernetes swagger.json [--crds FILE ...]');
  process.exit(2);
}
const kubernetes = kubernetesSchemas(values.kubernetes, values.out);
const custom = values.crds.reduce((sum, file) => sum + customResourceSchemas(file, values.out), 0);
console.log(JSON.stringify({ kubernetesSchemas: kubernetes, customResourceSchemas: custom }));
