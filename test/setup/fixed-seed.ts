// Every fast-check property runs the same cases on every run (a deterministic suite: a failure seen once
// is seen again). To explore new cases locally: FAST_CHECK_SEED=random npx vitest run test/…
import fc from 'fast-check';

const wanted = process.env.FAST_CHECK_SEED;
if (wanted !== 'random') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: wanted ? Number(wanted) : 20 });
