/** Projections from raw agent outputs to feasible allocations (budget simplices, boxes). */
export { assertFiniteVector, assertBudget } from './validate.ts';
export { softmaxOntoSimplex, softmaxOntoCappedSimplex, projectOntoSimplex, projectOntoCappedSimplex } from './simplex.ts';
export type { SimplexOptions } from './simplex.ts';
export { clipToBox, rescaleFromUnit } from './box.ts';
export type { Bound } from './box.ts';
