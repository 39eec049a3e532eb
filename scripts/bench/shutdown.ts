// What must be stopped if the bench is interrupted (Ctrl-C, SIGTERM) in the middle of a
// measure: each running rig registers its stop here and removes it once it has stopped.
const stops = new Set<() => Promise<void>>();

/** Registers a stop; returns the function that unregisters it. */
export function onShutdown(stop: () => Promise<void>): () => void {
  stops.add(stop);
  return () => stops.delete(stop);
}

/** Runs every registered stop once, in parallel; never rejects. */
export async function runShutdown(): Promise<void> {
  const pending = [...stops];
  stops.clear();
  await Promise.allSettled(pending.map((stop) => stop()));
}
