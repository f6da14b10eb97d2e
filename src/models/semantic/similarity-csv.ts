/**
 * A similarity table (k x SINR dB) from CSV text, for users who replace the fitted semantic
 * accuracy model with their own measurements (004 eq. (5)). Parsing only: reading the file is
 * the caller's business.
 *
 * Format: the first non-comment row is a header whose first cell names the k axis (any text,
 * e.g. `k`) and whose other cells are the SINR grid in dB; every following row is a k value and
 * one similarity per SINR column. Blank lines and lines starting with `#` are skipped.
 *
 * ```
 * k, -10, 0, 10, 20
 * 4, 0.41, 0.43, 0.89, 0.97
 * 8, 0.41, 0.64, 0.99, 0.98
 * ```
 */
import { createSimilarityTable, type SimilarityTable } from './similarity-table.ts';

function numberAt(cell: string, line: number, column: number, source: string): number {
  const text = cell.trim();
  const x = text === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new RangeError(`${source}: line ${line}, column ${column}: '${text}' is not a finite number`);
  return x;
}

/**
 * Parses CSV text into a validated {@link SimilarityTable} (axes strictly increasing, values in
 * [0, 1]); read it with `similarityFromTable` (bilinear, edge values held outside the grid).
 * Errors name the line and column.
 */
export function parseSimilarityCsv(text: string, source = 'similarity CSV'): SimilarityTable {
  const rows: { line: number; cells: string[] }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t !== '' && !t.startsWith('#')) rows.push({ line: i + 1, cells: t.split(',') });
  });
  if (rows.length < 2) throw new RangeError(`${source}: needs a header row (k axis name, then SINR dB values) and at least one k row`);
  const [head, ...body] = rows;
  if (head.cells.length < 2) throw new RangeError(`${source}: line ${head.line}: the header needs at least one SINR column`);
  const sinrDb = head.cells.slice(1).map((c, j) => numberAt(c, head.line, j + 2, source));
  const ks: number[] = [];
  const values: number[] = [];
  for (const row of body) {
    if (row.cells.length !== head.cells.length) {
      throw new RangeError(`${source}: line ${row.line}: ${row.cells.length} cells; the header has ${head.cells.length}`);
    }
    ks.push(numberAt(row.cells[0], row.line, 1, source));
    row.cells.slice(1).forEach((c, j) => values.push(numberAt(c, row.line, j + 2, source)));
  }
  try {
    return createSimilarityTable(ks, sinrDb, values);
  } catch (err) {
    throw new RangeError(`${source}: ${(err as Error).message}`);
  }
}
