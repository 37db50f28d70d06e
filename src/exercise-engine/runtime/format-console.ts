/**
 * Formats console arguments the way a console prints them: strings as they are, other values
 * inspected (`{ a: 1 }`, `[ 1, 2 ]`, `<Buffer 68 69>`), so the record holds plain text.
 * Node's `util.inspect` is not available in a browser worker, hence this small one.
 */
const MAX_DEPTH = 3;

function isBytes(value: object): value is Uint8Array {
  return value instanceof Uint8Array;
}

function inspect(value: unknown, depth: number, seen: Set<object>): string {
  if (typeof value === 'string') return depth === 0 ? value : `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[Function: ${value.name || '(anonymous)'}]`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (seen.has(value)) return '[Circular]';
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (isBytes(value)) {
    const bytes = Array.from(value.subarray(0, 50), (byte) => byte.toString(16).padStart(2, '0'));
    const more = value.length > 50 ? ` ... ${value.length - 50} more bytes` : '';
    return `<Buffer${bytes.length ? ' ' : ''}${bytes.join(' ')}${more}>`;
  }
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item) => inspect(item, depth + 1, seen));
      return items.length ? `[ ${items.join(', ')} ]` : '[]';
    }
    if (value instanceof Map) {
      const items = [...value].map(([key, item]) => `${inspect(key, depth + 1, seen)} => ${inspect(item, depth + 1, seen)}`);
      return `Map(${value.size}) {${items.length ? ` ${items.join(', ')} ` : ''}}`;
    }
    if (value instanceof Set) {
      const items = [...value].map((item) => inspect(item, depth + 1, seen));
      return `Set(${value.size}) {${items.length ? ` ${items.join(', ')} ` : ''}}`;
    }
    const entries = Object.entries(value).map(([key, item]) => {
      const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`;
      return `${name}: ${inspect(item, depth + 1, seen)}`;
    });
    const constructorName = (value as { constructor?: { name?: string } }).constructor?.name;
    const prefix = constructorName && constructorName !== 'Object' ? `${constructorName} ` : '';
    return entries.length ? `${prefix}{ ${entries.join(', ')} }` : `${prefix}{}`;
  } finally {
    seen.delete(value);
  }
}

/** Supports the `%s %d %i %f %o %O %j %%` substitutions in a leading format string, as consoles do. */
export function formatConsoleArgs(args: readonly unknown[]): string {
  const rest = [...args];
  let head = '';
  if (typeof rest[0] === 'string' && rest[0].includes('%')) {
    const format = rest.shift() as string;
    head = format.replace(/%[sdifoOj%]/g, (token) => {
      if (token === '%%') return '%';
      if (rest.length === 0) return token;
      const value = rest.shift();
      if (token === '%s') return typeof value === 'string' ? value : inspect(value, 1, new Set());
      if (token === '%d' || token === '%i') return String(token === '%i' ? Math.trunc(Number(value)) : Number(value));
      if (token === '%f') return String(Number(value));
      if (token === '%j') return JSON.stringify(value);
      return inspect(value, 1, new Set());
    });
  }
  const tail = rest.map((value) => inspect(value, 0, new Set()));
  return [head, ...tail].filter((part, index) => index > 0 || part !== '' || args.length === 0).join(' ');
}
