import { randomUUID } from 'node:crypto';
import type { Operation } from './openapi-operations';
import { holesOf, IdHole, ListOf, type RequestTemplate, type Template } from './request-template';

/** Whose ids fill a part of a request: school A's, school B's, or both (in an id list). */
export type Side = 'A' | 'B' | 'AB';
export type Variant = Record<string, Side>;

/** Ids of each kind in each school: `{ A: { pupil: '…' }, B: { pupil: '…' } }`. */
export interface IdBook {
  A: Record<string, string>;
  B: Record<string, string>;
}

/** A part of a request that carries ids: a path or query parameter, a top-level body field. */
export interface Slot {
  name: string;
  template: Template;
  /** Holds a list of ids, so it can carry A's and B's at once. */
  mixable: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids of each kind that exist nowhere, shaped as the given ones are (a UUID for a UUID). */
export function unknownIds(ids: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(ids).map(([kind, id]) => [kind, UUID.test(id) ? randomUUID() : `${id}-unknown`]),
  );
}

/** Whether a variant puts B's ids into any of the slots. */
export const namesBIn = (variant: Variant, slots: readonly string[]) =>
  slots.some((slot) => variant[slot] === 'B' || variant[slot] === 'AB');

export function slotsOf(request: RequestTemplate): Slot[] {
  const slot = (name: string, template: Template): Slot[] =>
    holesOf(template).length === 0 ? [] : [{ name, template, mixable: isMixable(template) }];
  const body = request.body?.template;
  const bodySlots =
    body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    !(body instanceof IdHole) &&
    !(body instanceof ListOf)
      ? Object.entries(body).flatMap(([name, part]) => slot(`body.${name}`, part))
      : slot('body', body ?? null);
  return [
    ...Object.entries(request.path).flatMap(([name, part]) => slot(`path.${name}`, part)),
    ...Object.entries(request.query).flatMap(([name, part]) => slot(`query.${name}`, part)),
    ...bodySlots,
  ];
}

function isMixable(template: Template): boolean {
  if (template instanceof IdHole) return template.many;
  if (template instanceof ListOf) return true;
  if (Array.isArray(template)) return template.some(isMixable);
  if (template && typeof template === 'object') return Object.values(template).some(isMixable);
  return false;
}

/**
 * B's ids everywhere; then, where a request has several parts carrying ids, each part B's
 * with the rest A's and each part A's with the rest B's (A's id in the path, B's in the
 * body and the other way round); and each id list holding A's and B's ids together.
 */
export function variantsOf(slots: Slot[]): Variant[] {
  const all = (side: Side, except?: string, exceptSide?: Side): Variant =>
    Object.fromEntries(slots.map((s) => [s.name, s.name === except ? (exceptSide ?? side) : side]));
  const candidates: Variant[] = [all('B')];
  if (slots.length > 1) {
    for (const slot of slots) candidates.push(all('A', slot.name, 'B'), all('B', slot.name, 'A'));
  }
  for (const slot of slots.filter((s) => s.mixable)) candidates.push(all('A', slot.name, 'AB'));
  const seen = new Set<string>();
  return candidates.filter((variant) => {
    const key = JSON.stringify(variant);
    if (seen.has(key) || !Object.values(variant).some((side) => side !== 'A')) return false;
    seen.add(key);
    return true;
  });
}

export const describeVariant = (variant: Variant) =>
  Object.entries(variant)
    .map(([slot, side]) => `${slot}=${side}`)
    .join(' ');

export interface RenderedRequest {
  method: string;
  url: string;
  contentType?: string;
  body?: string;
  /** Every id value the request carries (a refusal may name them back). */
  sent: string[];
}

/** The concrete request for a variant: each slot's holes filled with its side's ids. */
export function renderRequest(
  operation: Operation,
  request: RequestTemplate,
  variant: Variant,
  ids: IdBook,
): RenderedRequest {
  const sent: string[] = [];
  const fill = (name: string, template: Template) =>
    render(template, variant[name] ?? 'A', ids, sent);
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(fill(`path.${name}`, request.path[name] ?? null))),
  );
  const query = new URLSearchParams(
    Object.entries(request.query).map(([name, part]): [string, string] => [
      name,
      String(fill(`query.${name}`, part)),
    ]),
  ).toString();
  const rendered: RenderedRequest = {
    method: operation.method,
    url: query ? `${path}?${query}` : path,
    sent,
  };
  const body = request.body;
  if (!body) return rendered;
  const template = body.template;
  const value =
    template &&
    typeof template === 'object' &&
    !Array.isArray(template) &&
    !(template instanceof IdHole) &&
    !(template instanceof ListOf)
      ? Object.fromEntries(
          Object.entries(template).map(([name, part]) => [name, fill(`body.${name}`, part)]),
        )
      : fill('body', template);
  rendered.contentType = body.contentType;
  rendered.body =
    typeof value === 'string' && !/json/.test(body.contentType) ? value : JSON.stringify(value);
  return rendered;
}

export function render(template: Template, side: Side, ids: IdBook, sent: string[] = []): unknown {
  if (template instanceof IdHole) {
    const sides: ('A' | 'B')[] = side === 'AB' ? ['A', 'B'] : [side];
    const values = (template.many ? sides : sides.slice(0, 1)).map(
      (s) => ids[s][template.kind] ?? '',
    );
    sent.push(...values);
    return template.many ? values : values[0];
  }
  if (template instanceof ListOf) {
    const sides: ('A' | 'B')[] = side === 'AB' ? ['A', 'B'] : [side];
    return sides.map((s) => render(template.item, s, ids, sent));
  }
  if (Array.isArray(template)) return template.map((part) => render(part, side, ids, sent));
  if (template && typeof template === 'object')
    return Object.fromEntries(
      Object.entries(template).map(([name, part]) => [name, render(part, side, ids, sent)]),
    );
  return template;
}
