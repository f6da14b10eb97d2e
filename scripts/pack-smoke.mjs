#!/usr/bin/env node
// `npm run test:package`: semsim as a user gets it (issue 11, "Done when"). In an empty
// temporary directory outside the checkout: `npm pack` the checkout, check what the tarball
// holds, `npm install` it, then import it from plain Node ESM, type-check a TypeScript file
// against it, and run its CLI. Prints each step; exits 1 with the reason on the first failure;
// removes its temporary directories (unless --keep).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const started = performance.now();

class Failure extends Error {}
const fail = (msg) => {
  throw new Failure(msg);
};
const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
let stepNo = 0;
function step(title, fn) {
  const t0 = performance.now();
  console.log(`\n[${++stepNo}] ${title}`);
  const out = fn();
  console.log(`    ok (${secs(t0)})`);
  return out;
}
const note = (line) => console.log(`    ${line}`);

// Children get the caller's environment minus what `npm run` exports about the checkout
// (npm_config_local_prefix, npm_package_*, npm_lifecycle_*, INIT_CWD), so that an `npm install`
// in the temporary directory can only ever see that directory.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|npm_command$|INIT_CWD$)/i.test(k)),
);
function run(cmd, args, cwd, { allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 << 20, shell: process.platform === 'win32' });
  if (r.error) fail(`could not start '${cmd}': ${r.error.message}`);
  if (r.status !== 0 && !allowFail) {
    const tail = (s) => s.trim().split('\n').slice(-40).join('\n');
    fail(`'${[cmd, ...args].join(' ')}' (in ${cwd}) exited with ${r.status ?? r.signal}\n--- stdout ---\n${tail(r.stdout)}\n--- stderr ---\n${tail(r.stderr)}`);
  }
  return r;
}
const fileHash = (p) => (existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : 'absent');
function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const tmp = realpathSync(mkdtempSync(join(tmpdir(), 'semsim-pack-')));
const packDir = join(tmp, 'pack');
const app = join(tmp, 'app');
mkdirSync(packDir);
mkdirSync(app);
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  if (keep) return console.log(`\n(kept ${tmp})`);
  const t0 = performance.now();
  rmSync(tmp, { recursive: true, force: true });
  console.log(`removed ${tmp} (${secs(t0)}); total ${secs(started)}`);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

// What the package promises: every path package.json points at must be in the tarball.
const promised = new Set(['package.json', 'README.md', 'scenario.schema.json', 'sweep.schema.json', 'scenarios/toscn.yaml']);
const addTarget = (t) => typeof t === 'string' && promised.add(t.replace(/^\.\//, ''));
addTarget(pkg.main);
addTarget(pkg.types);
for (const target of Object.values(pkg.bin ?? {})) addTarget(target);
for (const entry of Object.values(pkg.exports ?? {})) {
  if (typeof entry === 'string') addTarget(entry);
  else for (const t of Object.values(entry)) addTarget(t);
}
const allowed = (p) => p === 'package.json' || p === 'README.md' || p === 'scenario.schema.json' || p === 'sweep.schema.json' || p.startsWith('dist/') || p.startsWith('scenarios/');

try {
  console.log(`semsim ${pkg.version}: package smoke test in ${tmp}`);
  step('the temporary directory is outside the checkout, with no node_modules above it', () => {
    const checkout = realpathSync(root);
    if (tmp === checkout || tmp.startsWith(checkout + sep)) fail(`${tmp} is inside the checkout ${checkout}; set TMPDIR elsewhere`);
    for (let d = dirname(app); ; d = dirname(d)) {
      if (existsSync(join(d, 'node_modules'))) fail(`${join(d, 'node_modules')} exists above ${app}: Node would resolve packages from it; set TMPDIR elsewhere`);
      if (dirname(d) === d) break;
    }
  });

  const lockBefore = [fileHash(join(root, 'package.json')), fileHash(join(root, 'package-lock.json'))].join();

  const tarball = step('npm pack the checkout (runs prepare: a clean tsc build of dist/)', () => {
    const r = run('npm', ['pack', '--json', '--pack-destination', packDir], root);
    const start = r.stdout.indexOf('[');
    const info = JSON.parse(r.stdout.slice(start))[0];
    const files = info.files.map((f) => f.path);
    note(`${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
    const unexpected = files.filter((p) => !allowed(p));
    if (unexpected.length) fail(`the tarball holds files outside dist/, scenarios/, scenario.schema.json, sweep.schema.json, README.md, package.json:\n  ${unexpected.join('\n  ')}`);
    const missing = [...promised].filter((p) => !files.includes(p));
    if (missing.length) fail(`the tarball lacks files package.json points at: ${missing.join(', ')}`);
    // dist/ is rebuilt from scratch, so every module in it must come from a file in src/.
    const stale = files.filter((p) => p.startsWith('dist/') && p.endsWith('.js') && !existsSync(join(root, 'src', p.slice(5, -3) + '.ts')));
    if (stale.length) fail(`dist/ holds modules with no source in src/ (stale build?):\n  ${stale.join('\n  ')}`);
    note('only dist/, scenarios/, the two JSON Schemas, README.md and package.json; every main/types/exports/bin target present');
    return join(packDir, info.filename);
  });

  const installed = join(app, 'node_modules', 'semsim');
  step('npm install the tarball in an empty directory', () => {
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'semsim-consumer', private: true, type: 'module' }, null, 2) + '\n');
    // fast-check: the user's own, for sampling semsim/testing's arbitraries (same range as semsim's).
    // Optional dependencies stay on: --omit=optional would also drop @duckdb/node-bindings'
    // platform binary (an optional dependency of it), and `import 'semsim'` loads DuckDB. The
    // optional @tensorflow/tfjs-node may fail to build; npm then removes it and semsim uses wasm.
    run('npm', ['install', tarball, `fast-check@${pkg.dependencies['fast-check']}`, '--prefer-offline', '--no-audit', '--no-fund'], app);
    const got = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    if (got.version !== pkg.version) fail(`installed semsim ${got.version}, expected ${pkg.version}`);
    note(`installed semsim ${got.version}; @tensorflow/tfjs-node ${existsSync(join(app, 'node_modules/@tensorflow/tfjs-node')) ? 'installed' : 'not installed (optional; TF.js uses wasm)'}`);
    if ([fileHash(join(root, 'package.json')), fileHash(join(root, 'package-lock.json'))].join() !== lockBefore) fail('the install changed the checkout\'s package.json or package-lock.json');
  });

  step('the installed declarations and source maps are self-contained', () => {
    const files = walk(join(installed, 'dist'));
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const bad = [];
    for (const f of files.filter((p) => p.endsWith('.d.ts'))) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\(\s*)['"]([^'"]+)['"]/g)) {
        const spec = m[1];
        if (spec.startsWith('.') || spec.startsWith('node:') || spec === 'semsim') continue;
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (!deps.has(name)) bad.push(`${relative(installed, f)} imports '${spec}', which is not a dependency`);
      }
    }
    const maps = files.filter((p) => p.endsWith('.map'));
    for (const f of maps) {
      const map = JSON.parse(readFileSync(f, 'utf8'));
      if (!Array.isArray(map.sourcesContent) || map.sourcesContent.length !== map.sources.length || map.sourcesContent.some((s) => typeof s !== 'string')) {
        bad.push(`${relative(installed, f)} points at ${map.sources.join(', ')} without embedding it (src/ is not shipped)`);
      }
    }
    if (bad.length) fail(bad.slice(0, 20).join('\n'));
    note(`${files.filter((p) => p.endsWith('.d.ts')).length} .d.ts import only relative paths and dependencies; ${maps.length} source maps embed their sources`);
  });

  step("plain Node ESM: import from 'semsim' and 'semsim/testing', checkEnv (1000 steps), step an episode", () => {
    writeFileSync(
      join(app, 'smoke.mjs'),
      `import { createEnv, checkEnv, SimEnv, toscnPlugin, MemorySink } from 'semsim';
import { actionArbitrary, conservationViolations } from 'semsim/testing';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';

const where = fileURLToPath(import.meta.resolve('semsim'));
if (!where.startsWith(${JSON.stringify(installed + '/')})) throw new Error('semsim resolved to ' + where);
console.log('semsim resolves to ' + where);

const scenario = { scenario: 'toscn', run: { slotsPerEpisode: 10 } };
const report = checkEnv(() => createEnv(scenario), { steps: 1000, throwOnProblem: false });
console.log('checkEnv: ' + report.steps + ' steps over ' + report.episodes + ' episodes, ' + report.problems.length + ' problems');
if (report.problems.length) throw new Error('checkEnv: ' + report.problems.join('; '));

const sink = new MemorySink();
const env = createEnv(scenario, { sink });
if (!(env instanceof SimEnv)) throw new Error('createEnv did not return a SimEnv');
env.reset({ seed: 7 });
const [action] = fc.sample(actionArbitrary(env.actionSpace), { numRuns: 1, seed: 7 });
let total = 0;
let slots = 0;
for (;;) {
  const r = env.step(action);
  total += r.reward;
  slots++;
  if (!Number.isFinite(r.reward)) throw new Error('non-finite reward ' + r.reward);
  if (r.terminated || r.truncated) break;
}
console.log(toscnPlugin.kind + ': episode of ' + slots + ' slots, reward ' + total.toFixed(4) + ' (one fast-check action held)');
const v = conservationViolations(sink.records);
if (v.length) throw new Error('conservation: ' + v.join('; '));
console.log('conservationViolations: none over ' + sink.records.length + ' trace records');
`,
    );
    const r = run(process.execPath, ['smoke.mjs'], app);
    for (const line of r.stdout.trim().split('\n')) note(line);
  });

  step("tsc (strict, NodeNext) type-checks a .ts file importing from 'semsim' and 'semsim/testing'", () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: [] },
          files: ['check.ts'],
        },
        null,
        2,
      ) + '\n',
    );
    writeFileSync(
      join(app, 'check.ts'),
      `import { createEnv, checkEnv, SimEnv, toscnPlugin, MemorySink, type Action, type AnyScenarioPlugin, type CheckReport, type Env, type Space, type StepResult, type TraceRecord } from 'semsim';
import { actionArbitrary, budgetViolations, conservationViolations, checkEnv as checkEnvFromTesting } from 'semsim/testing';

const make = (): SimEnv => createEnv({ scenario: 'toscn', run: { slotsPerEpisode: 10 } }, { sink: new MemorySink() });
const env: Env = make();
const space: Space = env.actionSpace;
const action: Action = { continuous: new Float32Array(space.kind === 'box' ? space.size : 0) };
const result: StepResult = env.step(action);
const reward: number = result.reward;
const report: CheckReport = checkEnvFromTesting(make, { steps: 10, throwOnProblem: false });
const kind: string = toscnPlugin.kind;
const plugin: AnyScenarioPlugin = toscnPlugin;
const records: readonly TraceRecord[] = [];
const problems: string[] = [...conservationViolations(records), ...budgetViolations(records, 'bandwidth', 1)];
const arb = actionArbitrary(space, { nonFinite: true });
// The types are real, not any:
// @ts-expect-error a scenario is an object
createEnv('toscn');
// @ts-expect-error checkEnv takes a factory, not an environment
checkEnv(env);
// @ts-expect-error rewards are numbers
const wrong: string = reward;
export { arb, kind, plugin, problems, report, wrong };
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const version = run(process.execPath, [tsc, '--version'], app).stdout.trim();
    const r = run(process.execPath, [tsc, '-p', '.'], app, { allowFail: true });
    // skipLibCheck is off so that semsim's own .d.ts are checked; @tensorflow/tfjs's
    // declarations have errors of their own under strict (users need skipLibCheck for those).
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    const upstream = errors.filter((l) => l.startsWith('node_modules/@tensorflow/'));
    const ours = errors.filter((l) => !l.startsWith('node_modules/@tensorflow/'));
    if (ours.length || (r.status !== 0 && errors.length === 0)) fail(`tsc reported:\n${ours.length ? ours.join('\n') : r.stdout + r.stderr}`);
    note(`${version}: check.ts and semsim's declarations clean (${upstream.length} errors inside @tensorflow's own .d.ts, which need skipLibCheck, ignored)`);
  });

  step('the CLI from the installed package (npx semsim, bin in dist/)', () => {
    const yaml = join(installed, 'scenarios', 'toscn.yaml');
    const v = run('npx', ['--no', 'semsim', 'validate', yaml], app).stdout.trim();
    if (!/valid toscn scenario/.test(v)) fail(`'semsim validate' printed: ${v}`);
    note(`semsim validate: ${v.replace(app + sep, '')}`);
    const l = run('npx', ['--no', 'semsim', 'list'], app).stdout;
    if (!/scenario toscn/.test(l) || !/\bddpg\b/.test(l)) fail(`'semsim list' printed: ${l}`);
    note(`semsim list: ${l.trim().split('\n')[0]}`);
  });

  console.log(`\npackage smoke test passed in ${secs(started)}`);
} catch (e) {
  console.error(`\npackage smoke test FAILED at step ${stepNo} (${secs(started)}):\n${e instanceof Failure ? e.message : e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  cleanup();
}
