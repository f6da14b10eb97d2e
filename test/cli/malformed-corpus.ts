/**
 * A generator of malformed inputs for `semsim run` (issue 17's corpus), derived from the
 * registered scenario kinds' JSON Schemas and agent catalogues, so a field added later is
 * covered without editing this file: every number gets values past both bounds, a fraction where
 * an integer belongs and a string; every enum and constant a bogus value; every boolean a
 * string; every mapping an unknown key; every agent config field an absurd value; and every
 * numeric CLI flag its bad values. Each case names the field (or flag) its error must name.
 */
import { stringify } from 'yaml';
import { scenarioJsonSchema } from '../../src/scenarios/loader.ts';
import { findScenario, scenarioKinds } from '../../src/scenarios/registry.ts';
import { nodesAt } from '../../src/run/sweep/schema-paths.ts';
import { applySets } from '../../src/run/sweep/set-path.ts';

type Json = Record<string, any>;

/** One malformed input: a scenario file text and extra flags, and the field its error must name. */
export interface MalformedCase {
  readonly id: string;
  readonly yaml: string;
  readonly flags: readonly string[];
  /** The dotted field path or the flag the error message must name. */
  readonly field: string;
}

const UNKNOWN_KEY = 'notAField';

/** The fully defaulted file of a kind: every field present, so every path can be set. */
function defaultedFile(kind: string): Json {
  return findScenario(kind)!.schema.parse({ scenario: kind }) as Json;
}

function numberCases(node: Json): unknown[] {
  const lo: number | undefined = node.minimum ?? node.exclusiveMinimum;
  const hi: number | undefined = node.maximum ?? node.exclusiveMaximum;
  const out: unknown[] = ['not-a-number'];
  if (hi !== undefined && hi < Number.MAX_SAFE_INTEGER) out.push(hi + Math.max(1, Math.abs(hi)));
  if (lo !== undefined && lo > -Number.MAX_SAFE_INTEGER) out.push(lo - Math.max(1, Math.abs(lo)));
  if (node.type === 'integer') out.push((lo !== undefined && lo > -Number.MAX_SAFE_INTEGER ? lo : 0) + 1.5);
  return out;
}

/** Bad values for the schema node of a leaf, or none when the node is not a checked leaf. */
function badValues(nodes: readonly Json[], value: unknown): unknown[] {
  const node = nodes.find((n) => n.type === 'number' || n.type === 'integer' || n.type === 'boolean' || n.enum || n.const !== undefined);
  if (!node) return [];
  if (typeof value === 'number' && (node.type === 'number' || node.type === 'integer')) return numberCases(node);
  if (typeof value === 'boolean') return ['maybe'];
  if (typeof value === 'string' && (node.enum || node.const !== undefined)) return ['bogus-value'];
  return [];
}

function* leafCases(kind: string, schema: Json, value: unknown, path: string[]): Generator<{ path: string[]; value: unknown; field: string }> {
  if (Array.isArray(value)) {
    if (value.length > 0) yield* leafCases(kind, schema, value[0], [...path, '0']);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const nodes = nodesAt(schema, kind, path);
    if (Array.isArray(nodes) && nodes.some((n) => n.additionalProperties === false)) {
      yield { path: [...path, UNKNOWN_KEY], value: 1, field: path.join('.') || '(root)' };
    }
    for (const [key, child] of Object.entries(value)) yield* leafCases(kind, schema, child, [...path, key]);
    return;
  }
  if (path.length === 1 && path[0] === 'scenario') return;
  const nodes = nodesAt(schema, kind, path);
  if (!Array.isArray(nodes)) return;
  for (const bad of badValues(nodes, value)) yield { path, value: bad, field: path.join('.') };
}

function agentConfigCases(kind: string): { path: string[]; value: unknown; field: string }[] {
  const out: { path: string[]; value: unknown; field: string }[] = [];
  for (const [name, entry] of Object.entries(findScenario(kind)!.agents)) {
    out.push({ path: ['agentConfig', name, UNKNOWN_KEY], value: 1, field: `agentConfig.${name}.${UNKNOWN_KEY}` });
    for (const [key, v] of Object.entries((entry.config ?? {}) as Json)) {
      if (typeof v === 'number') out.push({ path: ['agentConfig', name, key], value: 1e30, field: `agentConfig.${name}.${key}` });
    }
  }
  out.push({ path: ['agents'], value: ['no-such-agent'], field: 'agents.0' });
  out.push({ path: ['agentConfig', 'no-such-agent'], value: {}, field: 'agentConfig.no-such-agent' });
  return out;
}

/** Malformed scenario files of every registered kind. */
export function malformedScenarioCases(): MalformedCase[] {
  const schema = scenarioJsonSchema() as Json;
  const cases: MalformedCase[] = [];
  for (const kind of scenarioKinds()) {
    const base = defaultedFile(kind);
    const edits = [...leafCases(kind, schema, base, []), ...agentConfigCases(kind)];
    for (const { path, value, field } of edits) {
      const raw = applySets(base, [{ path, value }]);
      cases.push({ id: `${kind} ${path.join('.')}=${JSON.stringify(value)}`, yaml: stringify(raw), flags: [], field });
    }
  }
  return cases;
}

const NUMERIC_FLAGS = ['--seed', '--episodes', '--slots', '--eval-episodes', '--eval-seeds', '--training-seeds'];

/** Malformed flags on a valid scenario file (the file text is the caller's). */
export function malformedFlagCases(validYaml: string): MalformedCase[] {
  const cases: MalformedCase[] = [];
  for (const flag of NUMERIC_FLAGS) {
    for (const value of ['-1', '1.5', 'abc', '1e12', '']) cases.push({ id: `${flag} ${JSON.stringify(value)}`, yaml: validYaml, flags: [flag, value], field: flag });
  }
  for (const [flag, value] of [
    ['--trace', 'bogus'],
    ['--backend', 'bogus'],
    ['--budget', 'no-such-budget'],
    ['--agent', 'no-such-agent'],
  ]) {
    cases.push({ id: `${flag} ${value}`, yaml: validYaml, flags: [flag, value], field: flag });
  }
  cases.push({ id: '--set unknown path', yaml: validYaml, flags: ['--set', 'budgets.notAField=1'], field: 'budgets' });
  cases.push({ id: '--set bad value', yaml: validYaml, flags: ['--set', 'budgets.bandwidth_mhz=-1'], field: 'budgets.bandwidth_mhz' });
  return cases;
}
