// What the platform simulator has acknowledged: each message once, by message id, appended to a
// JSON-lines state file and fsynced before the acknowledgement leaves, so a stopped and
// restarted simulator answers a resend as a duplicate instead of storing it twice.
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import type { Logger } from '../log/logger.ts';

export const storedMessageSchema = z.object({
  seq: z.number().int().positive(),
  messageId: z.string().min(1),
  kind: z.string(),
  appId: z.string(),
  data: z.unknown(),
  receivedAt: z.number(),
});
export type StoredMessage = z.infer<typeof storedMessageSchema>;

export type NewStoredMessage = Omit<StoredMessage, 'seq'>;

interface Entry {
  message: StoredMessage;
  /** Settles when the line is on disk; a duplicate arriving meanwhile waits for it. */
  persisted: Promise<void>;
}

export class SimMessageStore {
  private readonly entries = new Map<string, Entry>();
  /** The passages held, by M5's passageId: a correction is taken only for one of these. */
  private readonly passageIds = new Set<string>();
  private readonly file: FileHandle | null;
  private writes: Promise<void> = Promise.resolve();
  /** The lines waiting for the write under way to finish; they go together in the next one. */
  private collecting: LineBatch | null = null;
  private nextSeq: number;

  private constructor(loaded: StoredMessage[], file: FileHandle | null) {
    for (const message of loaded) {
      this.entries.set(message.messageId, { message, persisted: Promise.resolve() });
      this.notePassage(message);
    }
    this.nextSeq = loaded.reduce((max, m) => Math.max(max, m.seq), 0) + 1;
    this.file = file;
  }

  /** Opens (and creates) the state file; without one the store lives in memory only. */
  static async open(stateFile: string | undefined, log: Logger): Promise<SimMessageStore> {
    if (!stateFile) return new SimMessageStore([], null);

    const loaded = await loadStateFile(stateFile, log);
    const file = await open(stateFile, 'a');
    return new SimMessageStore(loaded, file);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Stores a message unless its id is known; resolves once it is durable. */
  async add(message: NewStoredMessage): Promise<{ stored: StoredMessage; duplicate: boolean }> {
    const known = this.entries.get(message.messageId);
    if (known) {
      await known.persisted;
      return { stored: known.message, duplicate: true };
    }

    const stored: StoredMessage = { seq: this.nextSeq++, ...message };
    const persisted = this.append(stored);
    this.entries.set(stored.messageId, { message: stored, persisted });

    try {
      await persisted;
    } catch (err) {
      this.entries.delete(stored.messageId);
      throw err;
    }
    this.notePassage(stored);
    return { stored, duplicate: false };
  }

  holdsPassage(passageId: string): boolean {
    return this.passageIds.has(passageId);
  }

  /** Every stored message in the order it was first received. */
  all(): StoredMessage[] {
    return [...this.entries.values()].map((e) => e.message).sort((a, b) => a.seq - b.seq);
  }

  async close(): Promise<void> {
    await this.writes.catch(() => undefined);
    await this.file?.close();
  }

  /**
   * Writes are chained, so the file order is the seq order. Lines that arrive while a write is
   * under way wait for it together and share the next write and its fsync (group commit): one
   * fsync per message made the simulator, not the gate, the limit of a backlog's pace. Each
   * message's promise settles with the write that carried its line.
   */
  private append(message: StoredMessage): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();

    if (!this.collecting) {
      const batch: LineBatch = { lines: [], written: Promise.resolve() };
      batch.written = this.writes.catch(() => undefined).then(async () => {
        if (this.collecting === batch) this.collecting = null;
        await file.appendFile(batch.lines.join(''), 'utf8');
        await file.sync();
      });
      this.collecting = batch;
      this.writes = batch.written;
    }
    this.collecting.lines.push(`${JSON.stringify(message)}\n`);
    return this.collecting.written;
  }

  private notePassage(message: StoredMessage): void {
    const passageId = (message.data as { passageId?: unknown } | null)?.passageId;
    if (message.kind === 'passage' && typeof passageId === 'string') {
      this.passageIds.add(passageId);
    }
  }
}

interface LineBatch {
  lines: string[];
  written: Promise<void>;
}

/**
 * Reads the state file. A last line without its newline was cut by a crash mid-write: it was
 * never acknowledged, so it is dropped and the file cut back to the last whole line, otherwise
 * the next append would be glued onto the fragment.
 */
async function loadStateFile(stateFile: string, log: Logger): Promise<StoredMessage[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(stateFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }

  const wholeLength = bytes.lastIndexOf(0x0a) + 1;
  if (wholeLength < bytes.length) {
    log.warn({ stateFile, bytes: bytes.length - wholeLength }, 'dropping a torn last line');
    await truncate(stateFile, wholeLength);
  }

  const messages: StoredMessage[] = [];
  const lines = bytes.subarray(0, wholeLength).toString('utf8').split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    const parsed = storedMessageSchema.safeParse(safeJson(line));
    if (!parsed.success) throw new Error(`${stateFile}:${index + 1} is not a stored message`);
    messages.push(parsed.data);
  }
  return messages;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return null;
  }
}
