import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InputError, formatZodIssues } from './errors.ts';
import { ScenarioSchema, SCENARIO_SCHEMAS, type Scenario } from './registry.ts';

/** Parses and validates scenario text (YAML or JSON); throws `InputError` naming the field. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    if (err instanceof YAMLParseError) throw new InputError(`${source}: invalid YAML: ${err.message}`);
    throw err;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(`${source}: a scenario file must be a YAML mapping with a 'scenario' field`);
  }
  const kind = (raw as { scenario?: unknown }).scenario;
  if (typeof kind !== 'string' || !(kind in SCENARIO_SCHEMAS)) {
    throw new InputError(`${source}: scenario: must be one of ${Object.keys(SCENARIO_SCHEMAS).join(', ')} (got ${JSON.stringify(kind)})`);
  }
  const parsed = ScenarioSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error, source, ScenarioSchema));
  return parsed.data;
}

/** Reads, parses and validates a scenario file. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such scenario file` : `${path}: cannot read (${code ?? String(err)})`);
  }
  return parseScenario(text, path);
}

/** JSON Schema of scenario files, for editor completion (`semsim schema`). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
}
