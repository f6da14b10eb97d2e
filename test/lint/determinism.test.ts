import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The determinism rule of DESIGN.md: src/ never reads wall-clock time or Math.random. */
describe('lint: determinism rule', () => {
  const eslint = new ESLint();
  const lint = async (code: string, filePath: string): Promise<string[]> => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.map((m) => m.ruleId ?? m.message);
  };

  it.each([
    ['export const x = Math.random();', 'no-restricted-properties'],
    ['export const t = Date.now();', 'no-restricted-properties'],
    ['export const t = performance.now();', 'no-restricted-properties'],
    ['setTimeout(() => undefined, 5);', 'no-restricted-globals'],
  ])('rejects %s in src/', async (code, rule) => {
    expect(await lint(code, 'src/models/example.ts')).toContain(rule);
  });

  it('allows wall-clock reads in the pacing module only', async () => {
    expect(await lint('export const t = performance.now();', 'src/scheduler/realtime-pacing.ts')).toEqual([]);
    expect(await lint('export const t = Date.now();', 'src/cli/progress.ts')).toContain('no-restricted-properties');
  });

  it('leaves tests and benchmarks free to time things', async () => {
    expect(await lint('export const t = performance.now();', 'bench/example.ts')).toEqual([]);
  });
});
