// The export list the renderer holds, kept from going backwards. Calls travel over HTTP and
// progress over the WebSocket, so a list fetched while a join ran can arrive after the event
// that said it was done; a job only moves forward (running → done or failed, ratio upwards), so
// the further-along view of each job wins whichever arrived last.
import type { ExportJobView } from '../../electron/api/contract.ts';

/** The further-along of two views of one job. */
export function furtherJob(held: ExportJobView, arrived: ExportJobView): ExportJobView {
  if (held.state !== 'running') return held;
  if (arrived.state !== 'running') return arrived;
  return arrived.ratio >= held.ratio ? arrived : held;
}

/** The held list with the arrived views merged in, newest request first. */
export function mergeExports(held: ExportJobView[] | undefined,
  arrived: ExportJobView[]): ExportJobView[] {
  const byId = new Map((held ?? []).map((job) => [job.exportId, job]));
  for (const job of arrived) {
    const before = byId.get(job.exportId);
    byId.set(job.exportId, before ? furtherJob(before, job) : job);
  }
  return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
}

/** Whether any join is still under way (the list is then re-read now and then). */
export function anyRunning(jobs: ExportJobView[] | undefined): boolean {
  return (jobs ?? []).some((job) => job.state === 'running');
}
