export { runBoundary, exitCodeOf, formatError, type BoundaryOptions } from './boundary.js';
