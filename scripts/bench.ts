// `npm run bench`: the performance measures, one JSON line `{"name","value","unit"}` each on
// stdout; progress and findings go to stderr. `npm run bench -- --only NAME` runs the group
// that produces NAME and prints that measure alone; `--list` names them all. The measures live
// in scripts/bench/, one file per group, listed in scripts/bench/registry.ts.
// Exit status: 0 when every measure asked for was taken, 1 when one failed, 2 on bad usage.
import { parseArgs } from 'node:util';
import { GROUPS, MEASURES, type Measure, type MeasureGroup } from './bench/registry.ts';
import { runShutdown } from './bench/shutdown.ts';

const USAGE = 'usage: npm run bench -- [--only NAME] [--pushes N] [--list]';

const note = (text: string) => process.stderr.write(`bench: ${text}\n`);
const print = (m: Measure) => process.stdout.write(`${JSON.stringify(m)}\n`);

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: {
      only: { type: 'string' },
      pushes: { type: 'string' },
      list: { type: 'boolean', default: false },
    } }));
  } catch (err) {
    note(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }

  if (values.list) {
    for (const name of MEASURES.keys()) process.stdout.write(`${name}\n`);
    return 0;
  }
  const only = values.only;
  const group = only === undefined ? undefined : MEASURES.get(only);
  if (only !== undefined && !group) {
    note(`no measure named ${only}; known: ${[...MEASURES.keys()].join(', ')}`);
    return 2;
  }

  const pushes = values.pushes === undefined ? undefined : Number(values.pushes);
  const groups: readonly MeasureGroup[] = group ? [group] : GROUPS;
  let failed = 0;
  for (const g of groups) {
    const started = performance.now();
    note(`running ${g.id} (${g.names.join(', ')})`);
    try {
      const measures = await g.run({ note, pushes });
      for (const m of measures) if (only === undefined || m.name === only) print(m);
      note(`${g.id} took ${Math.round((performance.now() - started) / 1000)} s`);
    } catch (err) {
      failed++;
      note(`${g.id} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
  return failed ? 1 : 0;
}

/** An interrupted bench still stops the product and the simulators it started. */
function stopOnSignal(signal: NodeJS.Signals): void {
  process.once(signal, () => {
    note(`${signal}: stopping what the bench started`);
    void runShutdown().finally(() => process.exit(130));
  });
}

stopOnSignal('SIGINT');
stopOnSignal('SIGTERM');
main().then(
  (code) => process.exit(code),
  (err: Error) => {
    note(err.stack ?? err.message);
    void runShutdown().finally(() => process.exit(1));
  },
);
