/**
 * Complex matrices stored split and row-major: entry (r, c) is
 * `re[r * cols + c] + j im[r * cols + c]`. A complex vector is a 1×n matrix.
 */
export interface ComplexMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** A zero `rows × cols` complex matrix. */
export function complexMatrix(rows: number, cols: number): ComplexMatrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix shape must be non-negative integers, got ${rows}×${cols}`);
  }
  return { rows, cols, re: new Float64Array(rows * cols), im: new Float64Array(rows * cols) };
}

/** Wraps existing split arrays as a matrix, checking their lengths. */
export function asComplexMatrix(rows: number, cols: number, re: Float64Array, im: Float64Array): ComplexMatrix {
  if (re.length !== rows * cols || im.length !== rows * cols) throw new RangeError(`re/im must have ${rows * cols} entries`);
  return { rows, cols, re, im };
}

/** Gram matrix of the rows, `A A^H` (rows × rows, Hermitian): entry (u, v) = `sum_m a_um conj(a_vm)`. */
export function gramRows(a: ComplexMatrix): ComplexMatrix {
  const { rows: n, cols: k, re, im } = a;
  const g = complexMatrix(n, n);
  for (let u = 0; u < n; u++) {
    for (let v = 0; v < n; v++) {
      let sr = 0;
      let si = 0;
      for (let m = 0; m < k; m++) {
        const ar = re[u * k + m];
        const ai = im[u * k + m];
        const br = re[v * k + m];
        const bi = -im[v * k + m];
        sr += ar * br - ai * bi;
        si += ar * bi + ai * br;
      }
      g.re[u * n + v] = sr;
      g.im[u * n + v] = si;
    }
  }
  return g;
}

/**
 * Inverse of a square complex matrix by Gauss-Jordan elimination with partial pivoting.
 * Throws when a pivot is below `tol` times the largest entry (numerically singular).
 */
export function invert(a: ComplexMatrix, tol = 1e-12): ComplexMatrix {
  const n = a.rows;
  if (a.cols !== n) throw new RangeError(`cannot invert a ${a.rows}×${a.cols} matrix`);
  // Augmented [A | I], 2n columns.
  const w = 2 * n;
  const re = new Float64Array(n * w);
  const im = new Float64Array(n * w);
  let scale = 0;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      re[r * w + c] = a.re[r * n + c];
      im[r * w + c] = a.im[r * n + c];
      scale = Math.max(scale, Math.hypot(a.re[r * n + c], a.im[r * n + c]));
    }
    re[r * w + n + r] = 1;
  }
  for (let col = 0; col < n; col++) {
    let piv = col;
    let best = -1;
    for (let r = col; r < n; r++) {
      const mag = Math.hypot(re[r * w + col], im[r * w + col]);
      if (mag > best) {
        best = mag;
        piv = r;
      }
    }
    if (!(best > tol * scale)) throw new RangeError('matrix is singular to working precision');
    if (piv !== col) {
      for (let c = 0; c < w; c++) {
        [re[col * w + c], re[piv * w + c]] = [re[piv * w + c], re[col * w + c]];
        [im[col * w + c], im[piv * w + c]] = [im[piv * w + c], im[col * w + c]];
      }
    }
    // Scale the pivot row by 1 / pivot.
    const pr = re[col * w + col];
    const pi = im[col * w + col];
    const d = pr * pr + pi * pi;
    const ir = pr / d;
    const ii = -pi / d;
    for (let c = 0; c < w; c++) {
      const xr = re[col * w + c];
      const xi = im[col * w + c];
      re[col * w + c] = xr * ir - xi * ii;
      im[col * w + c] = xr * ii + xi * ir;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const fr = re[r * w + col];
      const fi = im[r * w + col];
      if (fr === 0 && fi === 0) continue;
      for (let c = 0; c < w; c++) {
        const xr = re[col * w + c];
        const xi = im[col * w + c];
        re[r * w + c] -= fr * xr - fi * xi;
        im[r * w + c] -= fr * xi + fi * xr;
      }
    }
  }
  const inv = complexMatrix(n, n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      inv.re[r * n + c] = re[r * w + n + c];
      inv.im[r * n + c] = im[r * w + n + c];
    }
  }
  return inv;
}
