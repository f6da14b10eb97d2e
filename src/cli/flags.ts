import { InputError } from '../scenarios/errors.ts';

/** Parses an integer flag in [min, max]; `undefined` when absent. */
export function parseIntFlag(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`${name} ${raw}: must be an integer in [${min}, ${max}]`);
  }
  return n;
}

/** Checks a flag against its allowed values. */
export function parseChoice<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) throw new InputError(`${name} ${raw}: allowed: ${allowed.join(', ')}`);
  return raw as T;
}
