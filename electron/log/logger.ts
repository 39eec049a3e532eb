// One pino logger for the core, one child per subsystem (lpr, barrier, recorder, sync, ...).
// Secrets are redacted at the writer: passwords, tokens, shared secrets, personal contacts, and
// credentials inside URLs (rtsp://user:pass@host). Plates are kept: they are the point of the log.
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'password', '*.password', 'secret', '*.secret', 'token', '*.token',
  'authorization', '*.authorization', 'headers.authorization', 'passwordHash', '*.passwordHash',
  // The enterprise's environmental contact (name, phone) is personal data.
  'contact', '*.contact',
];

const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi;

/** Strips `user:password@` from every URL in a string: camera credentials never reach a log. */
export function redactUrlCredentials(text: string): string {
  return text.replace(URL_CREDENTIALS, '$1***:***@');
}

/** Recent lines kept in memory so the installer can read them in the app and in /api/health. */
export class LogRing {
  private readonly lines: LogLine[] = [];
  private readonly capacity: number;

  constructor(capacity = 500) {
    this.capacity = capacity;
  }

  push(line: LogLine): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  recent(minLevel = 0, limit = 50): LogLine[] {
    return this.lines.filter((l) => l.level >= minLevel).slice(-limit);
  }
}

export interface LogLine {
  level: number;
  time: number;
  subsystem?: string;
  msg: string;
}

export interface RootLoggerOptions {
  /** File for the gate-room log (under the data folder); omitted in tests. */
  file?: string;
  level?: string;
  ring?: LogRing;
  /** Also write to stderr (the headless host does; tests do not). */
  stderr?: boolean;
}

export function createRootLogger(options: RootLoggerOptions = {}): Logger {
  const streams: { stream: DestinationStream; level?: string }[] = [];
  // Synchronous writes: a gate-room log must keep the last line before a crash or power cut.
  if (options.file) {
    streams.push({ stream: pino.destination({ dest: options.file, mkdir: true, sync: true }) });
  }
  if (options.stderr) streams.push({ stream: pino.destination(2) });
  if (options.ring) streams.push({ stream: ringStream(options.ring) });

  return pino(
    {
      level: options.level ?? process.env.GATEHOUSE_LOG_LEVEL ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '***' },
      formatters: { log: (obj) => redactObjectUrls(obj) },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((a) => (typeof a === 'string' ? redactUrlCredentials(a) : a));
          method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    streams.length ? pino.multistream(streams) : { write: () => undefined },
  );
}

/** A logger that writes nowhere: for unit tests of modules that take a logger. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function redactObjectUrls(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    out[k] = typeof v === 'string' ? redactUrlCredentials(v) : v;
  }
  return out;
}

function ringStream(ring: LogRing): DestinationStream {
  return {
    write(chunk: string) {
      try {
        const o = JSON.parse(chunk) as { level: number; time: number; msg?: string; sub?: string };
        ring.push({ level: o.level, time: o.time, subsystem: o.sub, msg: o.msg ?? '' });
      } catch {
        // A line that is not JSON is not ours; the ring keeps only structured lines.
      }
    },
  };
}

/** The child logger of one subsystem; `sub` is the field the log file and the ring show. */
export function subsystemLogger(root: Logger, sub: string): Logger {
  return root.child({ sub });
}
