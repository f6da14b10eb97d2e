import { readFileSync, statSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InputError, formatZodIssues } from './errors.ts';
import type { AnyScenarioPlugin } from './plugin.ts';
import { findScenario, scenarioKinds } from './registry.ts';
import type { RunFile } from './shared-schema.ts';

/** A validated scenario file and the plug-in that runs it. */
export interface LoadedScenario<F extends RunFile = RunFile> {
  readonly plugin: AnyScenarioPlugin;
  readonly file: F;
}

/** Largest scenario file semsim reads: scenario files are a few kilobytes; anything near this is a mistake. */
export const MAX_SCENARIO_BYTES = 1 << 20;

/**
 * Parses YAML (or JSON) input safely: size-limited, few aliases (no alias bombs), and a
 * nesting depth error instead of a stack overflow. Throws `InputError` naming `source`.
 */
export function parseYamlInput(text: string, source: string): unknown {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SCENARIO_BYTES) throw new InputError(`${source}: ${bytes} bytes; input files may hold at most ${MAX_SCENARIO_BYTES} bytes (1 MiB)`);
  try {
    return parseYaml(text, { maxAliasCount: 50, uniqueKeys: true });
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const deep = /Maximum call stack/.test(err.message);
      throw new InputError(`${source}: invalid YAML: ${deep ? 'nested too deeply' : err.message.split('\n')[0]}`);
    }
    if (err instanceof ReferenceError && /alias/i.test(err.message)) throw new InputError(`${source}: invalid YAML: too many aliases (at most 50; alias expansion is limited to stop resource exhaustion)`);
    if (err instanceof RangeError) throw new InputError(`${source}: invalid YAML: nested too deeply`);
    throw err;
  }
}

/** Parses and validates scenario text (YAML or JSON); throws `InputError` naming the field. */
export function parseScenario(text: string, source = 'scenario'): LoadedScenario {
  return validateScenario(parseYamlInput(text, source), source);
}

/** Validates an already-parsed scenario object (e.g. after `--set` edits). */
export function validateScenario(raw: unknown, source = 'scenario'): LoadedScenario {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${source}: a scenario file must be a YAML mapping with a 'scenario' field`);
  }
  const kind = Object.hasOwn(raw, 'scenario') ? (raw as { scenario?: unknown }).scenario : undefined;
  const plugin = typeof kind === 'string' ? findScenario(kind) : undefined;
  if (!plugin) throw new InputError(`${source}: scenario: must be one of ${scenarioKinds().join(', ')} (got ${JSON.stringify(kind)})`);
  const proto = protoKeyPath(raw);
  if (proto !== undefined) throw new InputError(`${source}: invalid scenario\n  ${proto}: '__proto__' is not a field name`);
  let parsed;
  try {
    parsed = plugin.schema.safeParse(raw, { reportInput: true });
  } catch (err) {
    // A structure deep enough to exhaust the validator's stack is not a scenario.
    if (err instanceof RangeError) throw new InputError(`${source}: invalid scenario: nested too deeply`);
    throw err;
  }
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error, source, plugin.schema));
  const file = parsed.data as RunFile;
  checkAgents(plugin, file, source);
  return { plugin, file };
}

/**
 * The dotted path of the first `__proto__` key in parsed YAML, if any. YAML makes it an own key;
 * the schema's records (`agentConfig`, `budgetPresets`) would drop it silently, so a setting
 * under it would be ignored without a word. Iterative: the input may be nested deeply.
 */
function protoKeyPath(raw: unknown): string | undefined {
  const stack: { node: unknown; path: string[] }[] = [{ node: raw, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node)) {
      const at = [...path, key];
      if (key === '__proto__') return at.join('.');
      stack.push({ node: child, path: at });
    }
  }
  return undefined;
}

/**
 * Agent names must be in the scenario's catalogue, and `agentConfig.<name>` may only name
 * agents of the catalogue; each agent's settings, merged over its defaults, must pass the
 * agent's config schema (unknown keys and out-of-range values are errors naming the field).
 */
export function checkAgents(plugin: AnyScenarioPlugin, file: RunFile, source: string): void {
  const known = Object.keys(plugin.agents);
  const allowed = `allowed: ${known.join(', ')}`;
  for (const [i, name] of file.agents.entries()) {
    if (!Object.hasOwn(plugin.agents, name)) throw new InputError(`${source}: invalid scenario\n  agents.${i}: unknown agent '${name}' for scenario ${plugin.kind}; ${allowed}`);
  }
  for (const [name, overrides] of Object.entries(file.agentConfig)) {
    if (!Object.hasOwn(plugin.agents, name)) throw new InputError(`${source}: invalid scenario\n  agentConfig.${name}: unknown agent '${name}'; ${allowed}`);
    checkAgentConfig(name, plugin.agents[name], overrides, source);
  }
}

function checkAgentConfig(name: string, entry: AnyScenarioPlugin['agents'][string], overrides: Readonly<Record<string, unknown>>, source: string): void {
  const config: object = entry.config ?? {};
  for (const key of Object.keys(overrides)) {
    if (!Object.hasOwn(config, key)) {
      const fields = Object.keys(config);
      throw new InputError(`${source}: invalid scenario\n  agentConfig.${name}.${key}: unknown config field of agent '${name}'; allowed: ${fields.length ? fields.join(', ') : '(none)'}`);
    }
  }
  const parsed = entry.configSchema?.safeParse({ ...config, ...overrides }, { reportInput: true });
  if (!parsed || parsed.success) return;
  for (const issue of parsed.error.issues) (issue as { path: PropertyKey[] }).path = ['agentConfig', name, ...issue.path];
  throw new InputError(formatZodIssues(parsed.error, source));
}

/**
 * Reads, parses and validates a scenario file; `edit` may change the raw object first (e.g.
 * `--set path=value` overrides), which is then validated exactly like the file.
 */
export function loadScenario(path: string, edit?: (raw: unknown) => unknown): LoadedScenario {
  let text: string;
  try {
    if (statSync(path).size > MAX_SCENARIO_BYTES) throw new InputError(`${path}: larger than ${MAX_SCENARIO_BYTES} bytes (1 MiB); input files may not exceed that`);
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such scenario file` : `${path}: cannot read (${code ?? String(err)})`);
  }
  const raw = parseYamlInput(text, path);
  return validateScenario(edit ? edit(raw) : raw, path);
}

/** JSON Schema of scenario files of every registered kind, for editor completion (`semsim schema`). */
export function scenarioJsonSchema(): unknown {
  const schemas = scenarioKinds().map((k) => findScenario(k)!.schema);
  const union = schemas.length === 1 ? schemas[0] : z.union(schemas as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  return z.toJSONSchema(union, { io: 'input', unrepresentable: 'any' });
}
