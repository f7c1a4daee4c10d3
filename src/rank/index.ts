// Ranking: the cost model and the ClusterRun assembly.
export { costModel, type CostOptions } from './cost.js';
export { buildClusterRun, rankOrder } from './run.js';
