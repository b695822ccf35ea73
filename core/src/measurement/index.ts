/**
 * The measurement engine: item bank, pulse rotation, scoring and agreement, the privacy gate, proof of action and
 * the Human Debt index. Pure functions only; persistence and HTTP live in bot/.
 */
export * from './items';
export * from './rotation';
export * from './scoring';
export * from './privacy-gate';
export * from './publication';
export * from './proof-of-action';
export * from './human-debt-index';
export * from './pseudonym';
export { studentTCdf, studentTQuantile, normalCdf, normalQuantile, regularizedIncompleteBeta } from './student-t';
