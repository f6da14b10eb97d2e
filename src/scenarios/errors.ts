import type { z } from 'zod';

/** Bad user input (scenario file, CLI flag): the CLI prints the message and exits with code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** One readable line per zod issue: the field path, what is wrong, and the allowed range. */
export function formatZodIssues(error: z.ZodError, source: string, schema?: z.ZodType): string {
  const lines = error.issues.flatMap(expandUnion).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    const range = schema && (issue.code === 'too_small' || issue.code === 'too_big') ? numericRange(schema, issue.path) : undefined;
    const what = range ? `${issue.message}${rangeHint(issue)}; allowed: ${range}` : describeIssue(issue);
    return `  ${path}: ${what}`;
  });
  return `${source}: invalid scenario\n${lines.join('\n')}`;
}

/**
 * A failed union says only "Invalid input" at the union. Report instead the issues of the
 * alternative the input came closest to, with their full paths: the one with the fewest
 * issues, where a wrong literal or unknown key (the input is another alternative's shape)
 * weighs most. When every alternative fails on the same literal field, name all its values.
 */
function expandUnion(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return [issue];
  const within = (i: z.core.$ZodIssue): z.core.$ZodIssue => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue;
  const literalAt = (b: readonly z.core.$ZodIssue[]): string | undefined => b.find((i) => i.code === 'invalid_value')?.path.join('.');
  const first = literalAt(issue.errors[0]);
  if (first !== undefined && issue.errors.every((b) => literalAt(b) === first) && issue.errors.every((b) => b.length === 1)) {
    const values = issue.errors.flatMap((b) => (b[0].code === 'invalid_value' ? b[0].values : []));
    return [within({ ...issue.errors[0][0], message: 'Invalid option', values } as z.core.$ZodIssue)];
  }
  const weight = (b: readonly z.core.$ZodIssue[]): number => b.reduce((w, i) => w + (i.code === 'invalid_value' || i.code === 'unrecognized_keys' ? 100 : 1), 0);
  const best = issue.errors.reduce((a, b) => (weight(b) < weight(a) ? b : a));
  return best.map(within).flatMap(expandUnion);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const bound = Number(issue.minimum);
      const op = issue.inclusive ? '>=' : '>';
      return `${issue.message}; allowed: ${op} ${bound}${rangeHint(issue)}`;
    }
    case 'too_big': {
      const bound = Number(issue.maximum);
      const op = issue.inclusive ? '<=' : '<';
      return `${issue.message}; allowed: ${op} ${bound}${rangeHint(issue)}`;
    }
    case 'unrecognized_keys':
      return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return `${issue.message}; allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${rangeHint(issue)}`;
    default:
      return `${issue.message}${rangeHint(issue)}`;
  }
}

function rangeHint(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  if (input === undefined || (typeof input === 'object' && input !== null)) return '';
  const text = JSON.stringify(input) ?? String(input);
  // An echo, not a dump: a megabyte string stays out of the message.
  return ` (got ${text.length > 60 ? `${text.slice(0, 57)}...` : text})`;
}

/** The full allowed interval of the number field at `path`, e.g. `(0, 1000]`, when the schema has one. */
export function numericRange(schema: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let node: any = schema;
  const unwrap = (): void => {
    while (node?.def && ['default', 'optional', 'nullable', 'prefault'].includes(node.def.type)) node = node.def.innerType;
  };
  for (const key of path) {
    unwrap();
    if (node?.def?.type === 'object') node = node.def.shape[key as string];
    else if (node?.def?.type === 'array') node = node.def.element;
    else if (node?.def?.type === 'union') node = node.def.options.find((o: any) => o?.def?.shape?.[key as string])?.def.shape[key as string];
    else if (node?.def?.type === 'record') node = node.def.valueType;
    else return undefined;
  }
  unwrap();
  if (node?.def?.type !== 'number') return undefined;
  let lo = '-inf';
  let hi = 'inf';
  let loB = '(';
  let hiB = ')';
  for (const c of node.def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'greater_than') [lo, loB] = [String(d.value), d.inclusive ? '[' : '('];
    if (d.check === 'less_than') [hi, hiB] = [String(d.value), d.inclusive ? ']' : ')'];
  }
  const integer = node.def.checks?.some((c: any) => c._zod.def.format === 'safeint' || c._zod.def.check === 'number_format') ? ' (integer)' : '';
  return `${loB}${lo}, ${hi}${hiB}${integer}`;
}
