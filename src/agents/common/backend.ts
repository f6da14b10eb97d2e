/**
 * The one place that loads TensorFlow.js and picks its backend (DESIGN.md "Agents"):
 * tfjs-node when it is installed, else the wasm backend. Everyone imports `tf` from here so
 * that all agents share one engine instance and one backend choice.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export { tf };

/** A TF.js backend semsim knows how to initialise. */
export type BackendName = 'wasm' | 'cpu' | 'node';

const BACKENDS: readonly BackendName[] = ['wasm', 'cpu', 'node'];

/** Environment variable that overrides the `'auto'` choice (`cpu`, `wasm` or `node`). */
export const BACKEND_ENV_VAR = 'SEMSIM_BACKEND';

let active: BackendName | undefined;
let pending: Promise<BackendName> | undefined;
let wasmPathsSet = false;

function isBackendName(x: string): x is BackendName {
  return (BACKENDS as readonly string[]).includes(x);
}

/**
 * Point the wasm loader at the package's own dist/ folder. Without this, the Node build
 * resolves the .wasm file relative to the bundle, which breaks under some loaders (vitest,
 * tsx) and when the process cwd is not the project root.
 */
function configureWasmPaths(): void {
  if (wasmPathsSet) return;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  setWasmPaths(join(dirname(pkg), 'dist') + '/');
  wasmPathsSet = true;
}

/** Try to load tfjs-node; it registers the 'tensorflow' backend as a side effect. */
async function tryLoadNode(): Promise<boolean> {
  try {
    // A variable specifier keeps bundlers and tsc from requiring the optional package.
    const spec = '@tensorflow/tfjs-node';
    await import(/* @vite-ignore */ spec);
    return tf.findBackend('tensorflow') !== null;
  } catch {
    return false;
  }
}

/**
 * TF.js's CPU backend prints a banner on its first tensor in Node ("install our node backend")
 * on every `--backend cpu` run, into the run's output. The user chose cpu, and semsim's own
 * `--backend node` is the advice (README); so the banner is switched off by the flag it checks.
 */
function quietCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: unknown } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

async function activate(name: BackendName): Promise<BackendName> {
  if (name === 'node') {
    if (!(await tryLoadNode())) {
      throw new Error(`TF.js backend 'node' requested but @tensorflow/tfjs-node is not installed or failed to load`);
    }
    await tf.setBackend('tensorflow');
  } else {
    if (name === 'wasm') configureWasmPaths();
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`TF.js backend '${name}' failed to initialise`);
    if (name === 'cpu') quietCpuBanner();
  }
  await tf.ready();
  return name;
}

/**
 * The backend an `initBackend(name)` call asks for once `SEMSIM_BACKEND` (`envValue`) is
 * taken into account: an explicit name wins; `'auto'` defers to a valid env value.
 */
export function requestedBackend(name: BackendName | 'auto', envValue: string | undefined): BackendName | 'auto' {
  if (name !== 'auto') return name;
  if (envValue === undefined || envValue === '' || envValue === 'auto') return 'auto';
  if (!isBackendName(envValue)) {
    throw new Error(`${BACKEND_ENV_VAR}='${envValue}' is not a TF.js backend; use one of ${BACKENDS.join(', ')} or auto`);
  }
  return envValue;
}

async function init(requested: BackendName | 'auto'): Promise<BackendName> {
  const want = requestedBackend(requested, process.env[BACKEND_ENV_VAR]);
  if (want !== 'auto') return activate(want);
  if (await tryLoadNode()) return activate('node');
  return activate('wasm');
}

/**
 * Select and initialise the TF.js backend. `'auto'` (default) uses tfjs-node when it can be
 * imported, else wasm; the `SEMSIM_BACKEND` environment variable overrides `'auto'`.
 * Idempotent: calling again with `'auto'` or the active name returns the active backend;
 * naming a different backend switches to it. Returns the active backend name.
 */
export async function initBackend(name: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  if (name !== 'auto' && !isBackendName(name as string)) {
    throw new Error(`unknown TF.js backend '${String(name)}'; use one of ${BACKENDS.join(', ')} or auto`);
  }
  if (pending) await pending.catch(() => undefined);
  if (active !== undefined && (name === 'auto' || name === active)) {
    // A bad SEMSIM_BACKEND is an error on every call, not only on the first one of a process.
    requestedBackend(name, process.env[BACKEND_ENV_VAR]);
    return active;
  }
  pending = init(name).then((b) => {
    active = b;
    return b;
  });
  try {
    return await pending;
  } finally {
    pending = undefined;
  }
}

/** The backend `initBackend` activated, or `undefined` before the first call. */
export function activeBackend(): BackendName | undefined {
  return active;
}
