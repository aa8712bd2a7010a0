import { z } from 'zod';
import { ValidationProblem } from '../problems/problem';
import { toPointer, zodPipe } from './zod-validation.pipe';

const schema = z.strictObject({
  schoolId: z.string().min(1),
  pupils: z.array(z.strictObject({ birthDate: z.iso.date() })),
  limit: z.coerce.number().int().max(100).default(20),
});

describe('ZodValidationPipe', () => {
  const pipe = zodPipe(schema, 'IDENTITY.INVALID_REQUEST');

  it('returns the parsed value with coercions and defaults applied', () => {
    const value = pipe.transform({ schoolId: 's-1', pupils: [] }, { type: 'body' });
    expect(value).toEqual({ schoolId: 's-1', pupils: [], limit: 20 });
  });

  it('reports every bad field as a JSON Pointer under the given code', () => {
    const attempt = () =>
      pipe.transform(
        { schoolId: '', pupils: [{ birthDate: '31.02.2015' }], limit: '500', name: 'Ёлкин' },
        { type: 'body' },
      );
    expect(attempt).toThrow(ValidationProblem);
    try {
      attempt();
    } catch (error) {
      const problem = error as ValidationProblem;
      expect(problem.code).toBe('IDENTITY.INVALID_REQUEST');
      const pointers = (problem.extensions['errors'] as { pointer: string }[]).map(
        (e) => e.pointer,
      );
      expect(pointers.sort()).toEqual(['', '/limit', '/pupils/0/birthDate', '/schoolId']);
      expect(JSON.stringify(problem.extensions)).not.toContain('Ёлкин');
    }
  });

  it('prefixes the parameter name when it validates one named parameter', () => {
    const ids = zodPipe(z.uuid());
    expect(() => ids.transform('nope', { type: 'param', data: 'personId' })).toThrow(
      expect.objectContaining({
        code: 'HTTP.VALIDATION_FAILED',
        extensions: { errors: [expect.objectContaining({ in: 'param', pointer: '/personId' })] },
      }),
    );
  });
});

describe('toPointer', () => {
  it('escapes ~ and / as RFC 6901 says', () => {
    expect(toPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});
