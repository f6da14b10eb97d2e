import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * Every code block of docs/extending.md that follows a `<!-- from: PATH -->` line must be a copy
 * of PATH: its pieces (split at `// ...` lines, which mark a cut) appear in the file, in order,
 * each as contiguous lines.
 */
const DOC = 'docs/extending.md';

function blocks(markdown: string): { path: string; pieces: string[] }[] {
  const out: { path: string; pieces: string[] }[] = [];
  const re = /<!-- from: (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;
  for (const m of markdown.matchAll(re)) {
    const pieces = m[2].split(/\n\s*\/\/ \.\.\.\n/).map((p) => p.replace(/^\n+|\n+$/g, ''));
    out.push({ path: m[1], pieces: pieces.flatMap((p) => p.split(/\n\n+/)) });
  }
  return out;
}

describe(DOC, () => {
  const found = blocks(readFileSync(DOC, 'utf8'));

  it('has code blocks copied from the sources', () => {
    expect(found.length).toBeGreaterThan(15);
  });

  it.each(found.map((b, i) => [i, b.path, b] as const))('block %i matches %s', (_i, path, block) => {
    const source = readFileSync(path, 'utf8');
    let from = 0;
    for (const piece of block.pieces) {
      const at = source.indexOf(piece, from);
      expect(at, `not in ${path} (after offset ${from}):\n${piece}`).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });
});
