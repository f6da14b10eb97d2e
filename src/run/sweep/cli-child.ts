/**
 * The semsim CLI as a child process: shards and early checks go through the public commands
 * (`run`, `validate`, `schema`, `list`) rather than the scenario internals, so the sweep layer
 * does not depend on how scenarios are implemented.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (the directory of semsim's package.json). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'semsim') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('semsim: cannot find the package root (package.json)');
    dir = up;
  }
}

/** semsim's version, part of every shard's content address. */
export function semsimVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The command that runs the CLI: `node <root>/dist/cli/index.js` (override the script with SEMSIM_CLI). */
export function cliCommand(): [string, string] {
  const script = process.env.SEMSIM_CLI ?? join(packageRoot(), 'dist', 'cli', 'index.js');
  if (!existsSync(script)) throw new Error(`semsim: ${script} is missing; build the package first (npm run build)`);
  return [process.execPath, script];
}

/** Output of a finished CLI child. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `semsim <args>` to completion, capturing its output. */
export function runCli(args: readonly string[]): Promise<CliResult> {
  const [node, script] = cliCommand();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Answers of `semsim schema` and `semsim list`, per CLI script (they do not change while a process runs). */
const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, f: () => Promise<T>): Promise<T> {
  const k = `${cliCommand()[1]}\0${key}`;
  if (!memo.has(k)) memo.set(k, f());
  return memo.get(k) as Promise<T>;
}

/** Whether `semsim schema` and `semsim list` have been asked already in this process. */
export function cliAnswersCached(): boolean {
  return memo.size >= 2;
}

/** The JSON Schema of scenario files (`semsim schema`), or undefined if the command fails. */
export function cliScenarioSchema(): Promise<Record<string, unknown> | undefined> {
  return once('schema', scenarioSchema);
}

/** Registered agent names from `semsim list` (the indented lines after 'agents:'), or undefined. */
export function cliAgentNames(): Promise<AgentLists | undefined> {
  return once('agents', agentNames);
}

async function scenarioSchema(): Promise<Record<string, unknown> | undefined> {
  const r = await runCli(['schema']);
  if (r.code !== 0) return undefined;
  try {
    return JSON.parse(r.stdout) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function agentNames(): Promise<AgentLists | undefined> {
  const r = await runCli(['list']);
  return r.code === 0 ? parseAgentList(r.stdout) : undefined;
}

/** Agent names listed by `semsim list`: for all scenarios (`all`), or per scenario kind. */
export interface AgentLists {
  readonly all?: string[];
  readonly byKind: Record<string, string[]>;
}

/**
 * Parses `semsim list`: an `agents:` line followed by more-indented `<name> <description>` lines,
 * either at the top level (one list for every scenario) or under a `scenario <kind>: ...` line.
 */
export function parseAgentList(stdout: string): AgentLists {
  const byKind: Record<string, string[]> = {};
  let all: string[] | undefined;
  let kind: string | undefined;
  let list: string[] | undefined;
  let indent = -1;
  for (const line of stdout.split('\n')) {
    const depth = line.length - line.trimStart().length;
    const header = /^scenario (\S+?):/.exec(line);
    if (list && line.trim() && depth > indent) {
      list.push(line.trim().split(/\s+/)[0]);
      continue;
    }
    list = undefined;
    if (header) kind = header[1];
    else if (line.trim() === 'agents:') {
      indent = depth;
      list = [];
      if (kind !== undefined && depth > 0) byKind[kind] = list;
      else all = list;
    }
  }
  return { all, byKind };
}
