import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLDER = 'src/scenarios/edge-queue';

/** Lines of code as cloc counts them: not blank, not only a comment (`//`, or inside `/* ... *\/`). */
function codeLines(text: string): number {
  let inBlock = false;
  let n = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/');
      continue;
    }
    n++;
  }
  return n;
}

describe('the edge-queue example stays small', () => {
  const count = readdirSync(FOLDER).reduce((a, f) => a + codeLines(readFileSync(join(FOLDER, f), 'utf8')), 0);

  it('has at most 200 lines of its own code (kit actors and agents not counted)', () => {
    expect(count).toBeLessThanOrEqual(200);
  });

  it('docs/extending.md states the count', () => {
    expect(readFileSync('docs/extending.md', 'utf8')).toContain(`${count} lines of its own code`);
  });

  it('counts like cloc', () => {
    expect(codeLines('/**\n * doc\n */\nconst a = 1; // why\n\n// note\n/* one */\nlet b;\n')).toBe(2);
  });
});
