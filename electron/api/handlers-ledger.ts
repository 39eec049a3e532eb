// The core's answers to the ledger calls (issue #4). Role checks and input validation happened
// in the dispatcher already; the work lives in electron/ledger. Every save is audited and
// announced with `ledger.changed`; long imports and exports report `ledger.progress`.
import { randomUUID } from 'node:crypto';
import { fail, ok, type Ledger } from './contract.ts';
import {
  EXPORT_MAX_ROWS, IMPORT_MAX_BYTES, LEDGER_PHOTO_MAX_BYTES, type LEDGER_CALLS,
} from './contract/ledger-calls.ts';
import type { Caller, Handlers } from './dispatcher.ts';
import type { HandlerContext } from './handlers.ts';
import { writeAudit } from '../db/audit.ts';
import { LedgerServices } from '../ledger/ledger-services.ts';
import type { RecordLedgerName } from '../ledger/record-ledger.ts';
import { uploadDocument } from '../ledger/documents.ts';
import { exportSource } from '../ledger/export/sources.ts';
import { writeExport } from '../ledger/export/write-file.ts';
import { drawSample } from '../ledger/sample.ts';
import { verifyDatabaseChain, verifyExport } from '../ledger/chain-verify.ts';
import { templateFile, exportFileName, MIME } from '../ledger/export/files.ts';

type LedgerCalls = keyof typeof LEDGER_CALLS;
type Job = 'import-preview' | 'import' | 'export';

export function createLedgerHandlers(ctx: HandlerContext): Pick<Handlers, LedgerCalls> {
  const site = () => ({ lanes: ctx.lanes?.laneViews() ?? [] });
  const services = () => (ctx.ledger ??= new LedgerServices(ctx.db, site));
  const now = () => ctx.now?.() ?? Date.now();
  const actor = (caller: Caller) => ({ username: caller.user!.username, now: now() });
  /** What the platform messages written by the ledgers (M8, passage corrections) carry. */
  const enterpriseCode = () => ctx.enterpriseCode ?? 'unconfigured';
  const changed = (ledger: Ledger, id: string | number) =>
    ctx.emit?.('ledger.changed', { ledger, id: String(id) });
  const progress = (job: Job, ledger: string) => (jobId: string, done: number, total: number) =>
    ctx.emit?.('ledger.progress', { jobId, job, ledger, done, total });
  const audit = (caller: Caller, action: string, subject: string, detail?: object) =>
    writeAudit(ctx.db, { actor: caller.user!.username, action, subject,
      detail: detail as Record<string, unknown> | undefined, at: now() });

  const registry = (name: RecordLedgerName) => ({
    list: (input: object) => ok(services().registries[name].list(input as never) as never),
    get: (input: { id: number }) => {
      const r = services().registries[name];
      const record = r.get(input.id);
      if (!record) return fail('not_found', `no ${name} record ${input.id}`);
      return ok({ record, history: r.history(input.id) } as never);
    },
    validate: (input: object) =>
      ok(services().registries[name].validate(input as never, now())),
    create: (input: object, caller: Caller) => {
      const saved = services().registries[name].create(input as never, actor(caller));
      if (saved.record) {
        audit(caller, `ledger.${name}.create`, String(saved.record.id));
        changed(name, saved.record.id as number);
      }
      return ok(saved as never);
    },
    update: (input: { id: number; version: number; fields: object }, caller: Caller) => {
      const out = services().registries[name].update(input.id, input.version,
        input.fields as never, actor(caller));
      if ('missing' in out) return fail('not_found', `no ${name} record ${input.id}`);
      if ('conflict' in out) {
        return fail('conflict', `saved by someone else meanwhile: version ${out.conflict}`);
      }
      if (out.record) {
        audit(caller, `ledger.${name}.update`, String(input.id), { version: input.version + 1 });
        changed(name, input.id);
      }
      return ok(out as never);
    },
  });
  const vehicles = registry('vehicles');
  const inPlant = registry('inPlant');
  const machinery = registry('machinery');

  return {
    'ledger.vehicles.list': vehicles.list,
    'ledger.vehicles.get': vehicles.get,
    'ledger.vehicles.validate': vehicles.validate,
    'ledger.vehicles.create': vehicles.create,
    'ledger.vehicles.update': vehicles.update,
    'ledger.inPlant.list': inPlant.list,
    'ledger.inPlant.get': inPlant.get,
    'ledger.inPlant.validate': inPlant.validate,
    'ledger.inPlant.create': inPlant.create,
    'ledger.inPlant.update': inPlant.update,
    'ledger.machinery.list': machinery.list,
    'ledger.machinery.get': machinery.get,
    'ledger.machinery.validate': machinery.validate,
    'ledger.machinery.create': machinery.create,
    'ledger.machinery.update': machinery.update,

    'ledger.logs.list': (input) => ok(services().logs.list(input)),
    'ledger.logs.create': (input, caller) => {
      const saved = services().logs.create(input, actor(caller), enterpriseCode());
      if (saved.record) {
        audit(caller, 'ledger.logs.create', String(saved.record.id));
        changed('logs', saved.record.id);
      }
      return ok(saved);
    },

    'ledger.visits.list': (input) => ok(services().visits.list(input)),
    'ledger.visits.get': (input) => {
      const found = services().visits.get(input.id);
      return found ? ok(found) : fail('not_found', `no visit ${input.id}`);
    },
    'ledger.visits.setCargo': (input, caller) => {
      const out = services().visits.setCargo(input.visitId, input.cargoName, input.tonnage,
        input.reason, actor(caller), enterpriseCode());
      if (!out.ok) return fail(out.code, out.message);
      audit(caller, 'ledger.visits.cargo', input.visitId, { cargoId: out.cargo.id,
        corrects: out.cargo.corrects });
      changed('visits', input.visitId);
      return ok({ visit: out.visit, cargo: out.cargo });
    },

    'ledger.photos.upload': async (input, caller) => {
      const bytes = Buffer.from(input.base64, 'base64');
      if (bytes.length > LEDGER_PHOTO_MAX_BYTES) {
        return fail('invalid_input', `a photo may have at most ${LEDGER_PHOTO_MAX_BYTES} bytes`);
      }
      const up = await uploadDocument(ctx.db, ctx.media, bytes, input.mime,
        caller.user!.username, now());
      return up.ok ? ok({ sha256: up.sha256, mime: up.mime, bytes: up.bytes })
        : fail('invalid_input', up.message);
    },

    'ledger.import.preview': async (input, caller) => {
      const bytes = Buffer.from(input.base64, 'base64');
      if (bytes.length > IMPORT_MAX_BYTES) {
        return fail('invalid_input',
          `an import file may have at most ${IMPORT_MAX_BYTES} bytes`);
      }
      try {
        const preview = await services().imports.preview(input.ledger, bytes,
          caller.user!.username, now(), progress('import-preview', input.ledger), input.jobId);
        return ok(preview);
      } catch (err) {
        return fail('invalid_input', unreadable(err));
      }
    },
    'ledger.import.confirm': async (input, caller) => {
      const ledger = services().imports.ledgerOf(input.previewId);
      const done = await services().imports.confirm(input.previewId, actor(caller),
        progress('import', ledger ?? ''), input.jobId);
      if (!done || !ledger) {
        return fail('not_found', 'no such preview: it expired, was used, or is not yours');
      }
      audit(caller, 'ledger.import', input.previewId, { ledger, ...done });
      changed(ledger, `import:${done.jobId}`);
      return ok(done);
    },
    'ledger.import.template': async (input) => ok(await templateFile(input.ledger)),

    'ledger.export': async (input, caller) => {
      const { ledger, filter } = input.query;
      const source = exportSource(ctx.db, ledger, filter as Record<string, unknown>, site());
      if (source.total > EXPORT_MAX_ROWS) {
        return fail('invalid_input', `${source.total} rows: narrow the filter to at most ` +
          `${EXPORT_MAX_ROWS} rows per file`);
      }
      const jobId = input.jobId ?? randomUUID();
      const file = await writeExport(source, input.format, { sheetName: ledger,
        onProgress: (done, total) => progress('export', ledger)(jobId, done, total) });
      audit(caller, 'ledger.export', ledger, { format: input.format, rows: file.rows, filter });
      return ok({ fileName: exportFileName(ledger, input.format, now()), mime: MIME[input.format],
        base64: file.bytes.toString('base64'), rows: file.rows, jobId });
    },

    'ledger.sample': (input) => ok({ ledger: input.ledger,
      rows: drawSample(ctx.db, services().registries, input.ledger, input.count) }),

    'ledger.chain.verify': async (input) => {
      if (!input.base64) return ok(verifyDatabaseChain(ctx.db));
      try {
        return ok(await verifyExport(ctx.db, Buffer.from(input.base64, 'base64')));
      } catch (err) {
        return fail('invalid_input', unreadable(err));
      }
    },
  };
}

const unreadable = (err: unknown) =>
  `the file cannot be read as a sheet: ${(err as Error).message}`;
