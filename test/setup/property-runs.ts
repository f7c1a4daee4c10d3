// How many cases a fast-check property tries, set in one place. `npm test` runs the full count; the mutation
// run (scripts/mutation.mjs sets TICKETS_MUTATE) re-runs a property for every mutant it reaches, so it tries a
// tenth (at least 10): enough to reach each branch the property covers, a tenth of the time per mutant.
export function propertyRuns(full: number): number {
  return process.env.TICKETS_MUTATE ? Math.max(10, Math.ceil(full / 10)) : full;
}
