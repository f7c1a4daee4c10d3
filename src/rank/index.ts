// Ranking: the cost model and the ClusterRun assembly.
export {
  costModel,
  DEFAULT_CURRENCY,
  DEFAULT_HOURLY_COST,
  DEFAULT_MINUTES_PER_TICKET,
  type CostOptions,
} from './cost.js';
export { buildClusterRun, rankOrder, type ClusterRunInput } from './run.js';
