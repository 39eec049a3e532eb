// The platform simulator's control measures (the alert downlink): what the city has announced,
// served signed at the profile's GET endpoint, and published by a test, the demo or a trainer
// through `POST /sim/control-measures` (a repeat of an id replaces it, as a city moving an end
// does) or withdrawn with `DELETE /sim/control-measures/<id>`. Kept in memory only. The other
// profiles' simulators keep their measures here too and serve or push them in their own codes
// (`onPublish`); only the reference simulator passes `verify` and serves the reference GET.
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { ReceivedRequest, VerifyResult } from '../sync/signing.ts';
import { CONTROL_MEASURES_PATH, type ControlMeasure } from '../sync/downlink-measures.ts';

export const SIM_MEASURES_PATH = '/sim/control-measures';

export type MeasuresReply = { status: number; body: unknown };

/** Loose on purpose: the simulator serves what it was given, odd entries included. */
const publishedSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]),
  warningLevel: z.string(),
  startTime: z.union([z.string(), z.number()]),
});

export interface SimMeasuresDeps {
  /** Checks the gate's signature on the reference GET; without it that GET is not served. */
  verify?(request: ReceivedRequest): VerifyResult;
  /** Reads a POST body; without it `POST /sim/control-measures` is not served. */
  readBody?(req: IncomingMessage): Promise<Buffer | null>;
}

export class SimControlMeasures {
  private readonly measures = new Map<string, ControlMeasure>();
  private readonly deps: SimMeasuresDeps;
  private readonly listeners = new Set<(measure: ControlMeasure) => void>();

  constructor(deps: SimMeasuresDeps = {}) {
    this.deps = deps;
  }

  publish(measure: ControlMeasure): void {
    this.measures.set(String(measure.id), measure);
    for (const listener of this.listeners) listener(measure);
  }

  /** Told each published measure (a simulator that pushes measures to its connections). */
  onPublish(listener: (measure: ControlMeasure) => void): void {
    this.listeners.add(listener);
  }

  withdraw(id: string): boolean {
    return this.measures.delete(id);
  }

  all(): ControlMeasure[] {
    return [...this.measures.values()];
  }

  /** The reply for a request on one of the measures' paths, or null when it is not one. */
  async route(req: IncomingMessage, path: string, pathname: string):
    Promise<MeasuresReply | null> {
    if (pathname === CONTROL_MEASURES_PATH && this.deps.verify) {
      return this.serve(req, path, this.deps.verify);
    }
    if (pathname === SIM_MEASURES_PATH && req.method === 'GET') {
      return { status: 200, body: this.all() };
    }
    if (pathname === SIM_MEASURES_PATH && req.method === 'POST' && this.deps.readBody) {
      return this.take(req, this.deps.readBody);
    }

    const id = pathname.startsWith(`${SIM_MEASURES_PATH}/`)
      ? decodeURIComponent(pathname.slice(SIM_MEASURES_PATH.length + 1)) : null;
    if (id && req.method === 'DELETE') {
      return this.withdraw(id) ? reply(200, 'withdrawn') : reply(404, 'no such measure');
    }
    return null;
  }

  private serve(req: IncomingMessage, path: string,
    verify: NonNullable<SimMeasuresDeps['verify']>): MeasuresReply {
    if (req.method !== 'GET') return reply(405, 'use GET');

    const verdict = verify({ method: 'GET', path, headers: req.headers, body: '' });
    if (!verdict.ok) return reply(401, verdict.reason.replace('-', ' '));
    return { status: 200, body: { code: 200, msg: 'ok', data: this.all() } };
  }

  private async take(req: IncomingMessage,
    readBody: NonNullable<SimMeasuresDeps['readBody']>): Promise<MeasuresReply> {
    const body = await readBody(req);
    if (!body) return reply(413, 'body too large');

    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(400, 'not JSON');
    }
    const parsed = publishedSchema.safeParse(json);
    if (!parsed.success) return reply(400, 'needs id, warningLevel and startTime');

    this.publish(parsed.data as ControlMeasure);
    return reply(200, 'published');
  }
}

function reply(status: number, msg: string): MeasuresReply {
  return { status, body: { code: status, msg } };
}
