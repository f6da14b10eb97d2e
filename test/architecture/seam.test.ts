import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Kernel folders: none of them may import a scenario folder (`src/scenarios/<kind>/`). */
const KERNEL = ['scheduler', 'events', 'actors', 'models', 'agents', 'envs', 'run', 'trace', 'cli', 'random'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const imports = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/\b(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1]);

describe('the scenario seam', () => {
  it('no kernel folder imports a scenario folder; only src/scenarios/registry.ts imports plug-ins', () => {
    const root = resolve('src');
    const breaches: string[] = [];
    const all = files(root);
    for (const file of all) {
      const rel = relative(root, file);
      const top = rel.split('/')[0];
      const isKernel = KERNEL.includes(top) || !rel.includes('/');
      for (const spec of imports(file)) {
        const target = relative(root, resolve(dirname(file), spec));
        const intoScenario = /^scenarios\/[^/]+\//.test(target);
        const fromSameScenario = rel.startsWith('scenarios/') && target.split('/')[1] === rel.split('/')[1];
        if (!intoScenario || fromSameScenario) continue;
        if (isKernel || rel !== 'scenarios/registry.ts') breaches.push(`${rel} imports ${target}`);
      }
    }
    expect(breaches).toEqual([]);
    expect(all.length).toBeGreaterThan(100);
  });
});
