/** Projections from raw agent outputs to feasible allocations (budget simplices, boxes). */
export { assertFiniteVector, assertBudget } from './validate';
export { softmaxOntoSimplex, softmaxOntoCappedSimplex, projectOntoSimplex, projectOntoCappedSimplex } from './simplex';
export type { SimplexOptions } from './simplex';
export { clipToBox, rescaleFromUnit } from './box';
export type { Bound } from './box';
