// The platform simulator's control measures (the alert downlink): what the city has announced,
// served signed at the profile's GET endpoint, and published by a test, the demo or a trainer
// through `POST /sim/control-measures` (a repeat of an id replaces it, as a city moving an end
// does) or withdrawn with `DELETE /sim/control-measures/<id>`. Kept in memory only.
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
  /** Checks the gate's signature on a request (the simulator's own verifier). */
  verify(request: ReceivedRequest): VerifyResult;
  readBody(req: IncomingMessage): Promise<Buffer | null>;
}

export class SimControlMeasures {
  private readonly measures = new Map<string, ControlMeasure>();
  private readonly deps: SimMeasuresDeps;

  constructor(deps: SimMeasuresDeps) {
    this.deps = deps;
  }

  publish(measure: ControlMeasure): void {
    this.measures.set(String(measure.id), measure);
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
    if (pathname === CONTROL_MEASURES_PATH) return this.serve(req, path);
    if (pathname === SIM_MEASURES_PATH && req.method === 'GET') {
      return { status: 200, body: this.all() };
    }
    if (pathname === SIM_MEASURES_PATH && req.method === 'POST') return this.take(req);

    const id = pathname.startsWith(`${SIM_MEASURES_PATH}/`)
      ? decodeURIComponent(pathname.slice(SIM_MEASURES_PATH.length + 1)) : null;
    if (id && req.method === 'DELETE') {
      return this.withdraw(id) ? reply(200, 'withdrawn') : reply(404, 'no such measure');
    }
    return null;
  }

  private serve(req: IncomingMessage, path: string): MeasuresReply {
    if (req.method !== 'GET') return reply(405, 'use GET');

    const verdict = this.deps.verify({ method: 'GET', path, headers: req.headers, body: '' });
    if (!verdict.ok) return reply(401, verdict.reason.replace('-', ' '));
    return { status: 200, body: { code: 200, msg: 'ok', data: this.all() } };
  }

  private async take(req: IncomingMessage): Promise<MeasuresReply> {
    const body = await this.deps.readBody(req);
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
