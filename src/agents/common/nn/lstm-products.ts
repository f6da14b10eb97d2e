/**
 * Matrix products on plain row-major `Float32Array`s, run by TF.js's untransposed 2-D matMul
 * (XNNPACK on the wasm backend) — the only heavy arithmetic of the hand-written LSTM pass
 * (lstm-bptt.ts). Everything else of that pass is elementwise and runs as JavaScript loops
 * over the same arrays: for the DRQN's `[32, 128]` gate blocks a loop costs less than one tf
 * kernel dispatch, and the pass needs no tape.
 *
 * On the wasm backend operands are written straight into TF.js's heap and results read from
 * it (heap.ts), so a product costs one kernel dispatch plus two memcpys; elsewhere it goes
 * through `tf.tensor2d` and `dataSync`.
 */
import { tf } from '../backend.ts';
import { wasmHeap } from './heap.ts';

/** A row-major `rows x cols` matrix in `data` (which may be a view into a larger array). */
export interface Matrix {
  readonly data: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** A right-hand operand: a tensor that lives across calls (weights: XNNPACK caches their packing) or an array. */
export type Operand = tf.Tensor2D | Matrix;

export function matrix(data: Float32Array, rows: number, cols: number): Matrix {
  if (data.length !== rows * cols) throw new RangeError(`matrix: ${data.length} floats for ${rows}x${cols}`);
  return { data, rows, cols };
}

/** Rows `from .. from + count` of `m` as a view. */
export function rowsOf(m: Matrix, from: number, count: number): Matrix {
  return { data: m.data.subarray(from * m.cols, (from + count) * m.cols), rows: count, cols: m.cols };
}

/** A tensor holding `m` (caller disposes). */
export function upload(m: Matrix): tf.Tensor2D {
  const heap = wasmHeap();
  if (heap === null) return tf.tensor2d(m.data, [m.rows, m.cols], 'float32');
  const out = heap.output([m.rows, m.cols]);
  // A view made after the allocation: allocating may grow (and detach) the heap's buffer.
  new Float32Array(heap.kernels.memory.buffer, out.offset, m.data.length).set(m.data);
  return out.finish() as tf.Tensor2D;
}

/** Copy a float32 tensor's values into `out` (no intermediate array on the wasm heap). */
export function download(t: tf.Tensor, out: Float32Array): void {
  if (out.length !== t.size) throw new RangeError(`download: ${t.size} values into ${out.length}`);
  const heap = wasmHeap();
  if (heap === null) out.set(t.dataSync() as Float32Array);
  else out.set(new Float32Array(heap.kernels.memory.buffer, heap.offset(t), t.size));
}

const shapeOf = (b: Operand): readonly number[] => ('shape' in b ? b.shape : [b.rows, b.cols]);

/** A bias added to every row of a product (`[cols]`), then optionally ReLU: fused into the matMul kernel. */
export interface RowBias {
  readonly bias: tf.Tensor;
  readonly relu: boolean;
}

/** `out = a b` (`out` is `[a.rows, b.cols]`, overwritten), `+ bias` and ReLU if given. */
export function product(a: Matrix, b: Operand, out: Float32Array, then?: RowBias): void {
  const [k, m] = shapeOf(b);
  if (a.cols !== k || out.length !== a.rows * m) throw new RangeError(`product: [${a.rows},${a.cols}] x [${k},${m}] into ${out.length}`);
  const ta = upload(a);
  const tb = 'shape' in b ? b : upload(b);
  const r = then === undefined ? tf.matMul(ta, tb) : tf.fused.matMul({ a: ta, b: tb, bias: then.bias, activation: then.relu ? 'relu' : 'linear' });
  download(r, out);
  tf.dispose([ta, r]);
  if (tb !== b) tb.dispose();
}

/** `out = aᵀ b` for `a: [n, k]`, `b: [n, m]` (`out` `[k, m]`): the weight-gradient product. */
export function productTN(a: Matrix, b: Matrix, out: Float32Array, scratch?: Float32Array): void {
  if (a.rows !== b.rows) throw new RangeError(`productTN: ${a.rows} vs ${b.rows} rows`);
  const at = transpose(a, scratch);
  product(at, b, out);
}

/** `mᵀ` into `into` (or a new array). */
export function transpose(m: Matrix, into?: Float32Array): Matrix {
  const { data, rows, cols } = m;
  const out = into !== undefined && into.length >= rows * cols ? into.subarray(0, rows * cols) : new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = data[base + c];
  }
  return { data: out, rows: cols, cols: rows };
}

/** Sum over rows: `out[j] = Σ_r m[r, j]` (bias gradients). */
export function columnSums(m: Matrix, out: Float32Array): void {
  out.fill(0);
  const { data, rows, cols } = m;
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) out[c] += data[base + c];
  }
}
