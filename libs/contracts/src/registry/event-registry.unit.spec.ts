import { z } from 'zod';
import { sampleNewEvent, sampleRecordedEvent } from '../test-support/sample-events';
import { ContractValidationError, UnknownEventTypeError } from './contract-errors';
import { defineEvent } from './define-event';
import { EventRegistry } from './event-registry';

const TitleSetV1 = defineEvent({
  type: 'TitleSet',
  schemaVersion: 1,
  data: z.strictObject({ title: z.string() }),
});
const TitleSetV2 = defineEvent({
  type: 'TitleSet',
  schemaVersion: 2,
  data: z.strictObject({ title: z.string(), language: z.string() }),
  previous: TitleSetV1,
  upcast: (v1) => ({ ...v1, language: 'ru' }),
});
const TitleSetV3 = defineEvent({
  type: 'TitleSet',
  schemaVersion: 3,
  data: z.strictObject({ titles: z.record(z.string(), z.string()) }),
  previous: TitleSetV2,
  upcast: (v2) => ({ titles: { [v2.language]: v2.title } }),
});

describe('defineEvent', () => {
  it('refuses a later version that does not follow the previous one', () => {
    const skipping = () =>
      defineEvent({
        ...TitleSetV3,
        schemaVersion: 4,
        previous: TitleSetV2,
        upcast: () => ({ titles: {} }),
      });
    expect(skipping).toThrow('TitleSet v4 must upcast from TitleSet v3');
  });

  it('refuses a type name that is not PascalCase', () => {
    const lower = () =>
      defineEvent({ type: 'title_set', schemaVersion: 1, data: z.strictObject({}) });
    expect(lower).toThrow('PascalCase');
  });

  it('types the upcaster from the previous version to the next', () => {
    // @ts-expect-error the upcaster must supply `language`, which v2 requires
    defineEvent({
      type: 'TitleSet',
      schemaVersion: 2,
      data: TitleSetV2.data,
      previous: TitleSetV1,
      upcast: (v1) => ({ title: v1.title }),
    });
    expect(TitleSetV2.previous).toBe(TitleSetV1);
  });
});

describe('EventRegistry.register', () => {
  it('knows the types and their current versions', () => {
    const registry = new EventRegistry().register(TitleSetV1, TitleSetV2);
    expect(registry.types()).toEqual(['TitleSet']);
    expect(registry.currentVersion('TitleSet')).toBe(2);
    registry.register(TitleSetV3);
    expect(registry.currentVersion('TitleSet')).toBe(3);
  });

  it('accepts the versions of one call in any order', () => {
    const registry = new EventRegistry().register(TitleSetV2, TitleSetV1);
    expect(registry.currentVersion('TitleSet')).toBe(2);
  });

  it('refuses a gap in the versions and leaves the registry unchanged', () => {
    const registry = new EventRegistry();
    expect(() => registry.register(TitleSetV1, TitleSetV3)).toThrow('TitleSet v2 is missing');
    expect(registry.types()).toEqual([]);
  });

  it('refuses a version registered twice', () => {
    const registry = new EventRegistry().register(TitleSetV1);
    expect(() => registry.register(TitleSetV1)).toThrow('TitleSet v1 is registered twice');
  });

  it('refuses a version that upcasts from another definition than the registered one', () => {
    const otherV1 = defineEvent({ ...TitleSetV1, schemaVersion: 1 });
    const registry = new EventRegistry().register(otherV1);
    expect(() => registry.register(TitleSetV2)).toThrow(
      'TitleSet v2 must upcast from the registered v1',
    );
  });
});

describe('EventRegistry.upcast', () => {
  const registry = new EventRegistry().register(TitleSetV1, TitleSetV2, TitleSetV3);

  it('applies every upcaster from the stored version to the current one', () => {
    const stored = sampleRecordedEvent('TitleSet', 1, { title: 'Алгебра' });
    const upcast = registry.upcast(stored);
    expect(upcast).toEqual({ ...stored, schemaVersion: 3, data: { titles: { ru: 'Алгебра' } } });
    expect(stored.data).toEqual({ title: 'Алгебра' });
  });

  it('starts from the stored version', () => {
    const stored = sampleRecordedEvent('TitleSet', 2, { title: 'Algebra', language: 'en' });
    expect(registry.upcast(stored).data).toEqual({ titles: { en: 'Algebra' } });
  });

  it('returns an event of the current version as it is', () => {
    const stored = sampleRecordedEvent('TitleSet', 3, { titles: { ru: 'Алгебра' } });
    expect(registry.upcast(stored)).toBe(stored);
  });

  it.each([0, 4, 1.5])('refuses the unknown stored version %p', (schemaVersion) => {
    const stored = sampleRecordedEvent('TitleSet', schemaVersion, {});
    expect(() => registry.upcast(stored)).toThrow(UnknownEventTypeError);
  });

  it('refuses an unknown type', () => {
    const stored = sampleRecordedEvent('TitleErased', 1, {});
    expect(() => registry.upcast(stored)).toThrow(
      expect.objectContaining({ code: 'CONTRACTS.UNKNOWN_EVENT_TYPE', eventType: 'TitleErased' }),
    );
  });
});

describe('EventRegistry.validate', () => {
  const registry = new EventRegistry().register(TitleSetV1, TitleSetV2);

  it('accepts any registered version, so old writers keep working', () => {
    const v1 = sampleNewEvent('TitleSet', 1, { title: 'Алгебра' });
    expect(registry.validate(v1)).toEqual(v1);
  });

  it('keeps envelope fields it does not know, such as those of a recorded event', () => {
    const recorded = sampleRecordedEvent('TitleSet', 1, { title: 'Алгебра' });
    expect(registry.validate(recorded)).toEqual(recorded);
  });

  it('refuses an unregistered version naming schemaVersion', () => {
    const v3 = sampleNewEvent('TitleSet', 3, { titles: {} });
    expect(() => registry.validate(v3)).toThrow(
      expect.objectContaining({ field: 'schemaVersion', eventType: 'TitleSet' }),
    );
  });

  it('refuses an event without a type', () => {
    const untyped = { ...sampleNewEvent('TitleSet', 1, {}), type: undefined as unknown as string };
    expect(() => registry.validate(untyped)).toThrow(ContractValidationError);
  });
});
