// The rule tables on disk: the rule set files of a folder (or the files named), one of them
// selected. The selected file is looked at before every decision and re-read when it changed, so
// an edited table governs the very next decision without a restart; a broken edit keeps the last
// good set and is reported once. Which version of the set applies is decided by the moment.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuleSet, type RuleSet, type RuleTable } from './rule-schema.ts';
import { versionInForce } from './rule-versions.ts';

export interface RuleSetSummary {
  id: string;
  region: string;
  industry: string;
  name: string;
  nameEn: string;
  file: string;
  /** Newest first. */
  versions: Array<{ version: string; effectiveFrom: string }>;
}

export interface RuleFileProblem {
  file: string;
  message: string;
}

export type SelectResult =
  | { ok: true }
  | { ok: false; error: { code: 'UNKNOWN_RULE_SET'; message: string } };

export interface RuleBookOptions {
  /** The set to start with; the first valid set (by file name) when absent. */
  setId?: string;
}

interface LoadedFile {
  stamp: string;
  /** The last good content; null when the file was never valid. */
  set: RuleSet | null;
  problem: string | null;
  /** Whether the current problem has been handed to an onReloadError callback. */
  reported: boolean;
}

export class RuleBook {
  private readonly sources: readonly string[];
  private files = new Map<string, LoadedFile>();
  private selectedFile: string;
  private selectedSet: RuleSet;

  /** `source`: a folder of rule set files, one file, or a list of files. */
  constructor(source: string | readonly string[], options: RuleBookOptions = {}) {
    this.sources = typeof source === 'string' ? [source] : [...source];
    this.scan();

    const valid = this.validFiles();
    if (!valid.length) {
      const why = this.problems().map((p) => p.message).join('; ');
      throw new Error(`no valid rule set in ${this.sources.join(', ')}: ${why}`);
    }
    const wanted = options.setId ?? valid[0]!.set.id;
    const chosen = valid.find((f) => f.set.id === wanted);
    if (!chosen) throw new Error(`no rule set ${wanted} in ${this.sources.join(', ')}`);

    this.selectedFile = chosen.file;
    this.selectedSet = chosen.set;
  }

  /** The sets a manager can switch between (files re-read if they changed). */
  sets(): RuleSetSummary[] {
    this.scan();
    return this.validFiles().map(({ file, set }) => ({
      id: set.id, region: set.region, industry: set.industry, name: set.name,
      nameEn: set.nameEn, file,
      versions: set.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom })),
    }));
  }

  selected(): string {
    return this.selectedSet.id;
  }

  /** Switches the set the next decision reads. */
  select(setId: string): SelectResult {
    this.scan();
    const chosen = this.validFiles().find((f) => f.set.id === setId);
    if (!chosen) {
      return { ok: false, error: { code: 'UNKNOWN_RULE_SET', message: `no rule set ${setId}` } };
    }

    this.selectedFile = chosen.file;
    this.selectedSet = chosen.set;
    return { ok: true };
  }

  /**
   * The version of the selected set in force at `at` (UTC epoch ms). The selected file is
   * re-read first when it changed; a problem with it is handed to `onReloadError` once.
   */
  versionAt(at: number, onReloadError?: (err: Error) => void): RuleTable {
    const entry = this.load(this.selectedFile);
    if (entry.set?.id === this.selectedSet.id) this.selectedSet = entry.set;
    else if (entry.set && !entry.problem) {
      entry.problem = `rule set ${this.selectedFile} now says id ${entry.set.id}, not ` +
        `${this.selectedSet.id}; select it again to use it`;
      entry.reported = false;
    }

    if (entry.problem && !entry.reported) {
      entry.reported = true;
      onReloadError?.(new Error(entry.problem));
    }
    return versionInForce(this.selectedSet, at);
  }

  /** Files that could not be read or are not valid, and ids claimed by two files. */
  problems(): RuleFileProblem[] {
    const problems: RuleFileProblem[] = [];
    const owner = new Map<string, string>();
    for (const [file, entry] of this.files) {
      if (entry.problem) problems.push({ file, message: entry.problem });
      if (!entry.set) continue;

      const first = owner.get(entry.set.id);
      if (first) {
        problems.push({ file, message: `rule set id ${entry.set.id} is already used by ${first}` });
      } else owner.set(entry.set.id, file);
    }
    return problems;
  }

  /** Files with a good set, first file per set id (files in name order). */
  private validFiles(): Array<{ file: string; set: RuleSet }> {
    const seen = new Set<string>();
    const valid: Array<{ file: string; set: RuleSet }> = [];
    for (const [file, entry] of this.files) {
      if (!entry.set || seen.has(entry.set.id)) continue;
      seen.add(entry.set.id);
      valid.push({ file, set: entry.set });
    }
    return valid;
  }

  /** Lists the files of the sources again and (re-)reads those that changed. */
  private scan(): void {
    const listed = this.sources.flatMap((source) => listRuleFiles(source));
    if (this.files.size && !listed.includes(this.selectedFile)) listed.push(this.selectedFile);

    const before = this.files;
    this.files = new Map();
    for (const file of listed) {
      const old = before.get(file);
      if (old) this.files.set(file, old);
      this.load(file);
    }
  }

  /** Re-reads a file when its modification time or size changed; keeps the last good set. */
  private load(file: string): LoadedFile {
    const entry = this.files.get(file) ?? { stamp: '', set: null, problem: null, reported: false };
    this.files.set(file, entry);

    const stamp = stampOf(file);
    if (stamp === entry.stamp) return entry;
    entry.stamp = stamp;

    try {
      entry.set = parseRuleSet(readFileSync(file, 'utf8'), file);
      entry.problem = null;
    } catch (err) {
      entry.problem = (err as Error).message;
      entry.reported = false;
    }
    return entry;
  }
}

function listRuleFiles(source: string): string[] {
  let isFolder = false;
  try {
    isFolder = statSync(source).isDirectory();
  } catch {
    return [source];
  }
  if (!isFolder) return [source];

  return readdirSync(source).filter((name) => name.endsWith('.json')).sort()
    .map((name) => join(source, name));
}

function stampOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return 'missing';
  }
}
