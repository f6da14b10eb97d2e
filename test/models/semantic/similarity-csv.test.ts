import { describe, expect, it } from 'vitest';
import { parseSimilarityCsv } from '../../../src/models/semantic/similarity-csv.ts';
import { similarityFromTable } from '../../../src/models/semantic/similarity-table.ts';

const CSV = `# k x SINR dB
k, -10, 0, 10, 20
4, 0.40, 0.45, 0.85, 0.95

8, 0.42, 0.65, 0.95, 0.98
`;

describe('similarity table from CSV (k x SINR dB, bilinear)', () => {
  it('reads the axes and values and interpolates bilinearly', () => {
    const t = parseSimilarityCsv(CSV);
    expect(Array.from(t.ks)).toEqual([4, 8]);
    expect(Array.from(t.sinrDb)).toEqual([-10, 0, 10, 20]);
    expect(similarityFromTable(t, 4, 0)).toBeCloseTo(0.45, 12);
    expect(similarityFromTable(t, 6, 5)).toBeCloseTo((0.45 + 0.85 + 0.65 + 0.95) / 4, 12);
    expect(similarityFromTable(t, 8, 40)).toBeCloseTo(0.98, 12);
  });

  it('names the line and column of a bad cell, a short row, or an unsorted axis', () => {
    expect(() => parseSimilarityCsv('k,0,10\n4,0.5,x\n', 'my.csv')).toThrow(/my\.csv: line 2, column 3: 'x' is not a finite number/);
    expect(() => parseSimilarityCsv('k,0,10\n4,0.5\n')).toThrow(/line 2: 2 cells; the header has 3/);
    expect(() => parseSimilarityCsv('k,10,0\n4,0.5,0.6\n')).toThrow(/sinrDb must be strictly increasing/);
    expect(() => parseSimilarityCsv('k,0\n4,1.5\n')).toThrow(/outside \[0, 1\]/);
    expect(() => parseSimilarityCsv('k,0\n')).toThrow(/header row/);
  });
});
