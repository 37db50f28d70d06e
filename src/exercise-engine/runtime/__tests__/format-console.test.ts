import { format } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatConsoleArgs } from '../format-console.ts';

describe('formatConsoleArgs', () => {
  it.each<[string, unknown[]]>([
    ['strings', ['a', 'b']],
    ['numbers, booleans, null and undefined', [1, 2.5, true, null, undefined]],
    ['a flat object', [{ a: 1, b: 'x' }]],
    ['nested arrays', [[1, [2, 'three']]]],
    ['an empty object and array', [{}, []]],
    ['a %s/%d format', ['%s has %d items', 'list', 3]],
    ['a string then an object', ['sent', { n: 1 }]],
  ])('prints %s as Node\'s console does', (_name, args) => {
    expect(formatConsoleArgs(args)).toBe(format(...args));
  });

  it('prints bytes as a Buffer', () => {
    expect(formatConsoleArgs([new Uint8Array([104, 105])])).toBe('<Buffer 68 69>');
  });

  it('survives circular objects', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a['self'] = a;
    expect(formatConsoleArgs([a])).toBe("{ name: 'a', self: [Circular] }");
  });
});
