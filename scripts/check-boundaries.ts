// The boundary check: the core never reaches `electron`, the renderer reaches nothing of the core
// but the API contract (and no Node built-ins), and device code never reaches the renderer.
// "Reach" follows relative imports through the whole graph, so hiding an import in a helper
// does not pass. Usage: node scripts/check-boundaries.ts [rootDir]; exit 1 on any violation.
import { resolve } from 'node:path';
import {
  ImportGraph, isElectronPackage, isNodeBuiltin, isSourceFile, listSourceFiles,
  type ImportEdge,
} from './check-boundaries-graph.ts';

/** The one module of the core the renderer may import; it must itself stay clean. */
export const RENDERER_MAY_IMPORT = ['electron/api/contract.ts'];
/** The contract's own parts (shapes of one domain each) count as the contract. */
export const CONTRACT_DIR = 'electron/api/contract/';

const isContractFile = (file: string) =>
  RENDERER_MAY_IMPORT.includes(file) || file.startsWith(CONTRACT_DIR);

/** Shell files run inside Electron and are the only ones allowed to import it. */
const SHELL_FILES = ['electron/main.ts', 'electron/preload.ts'];
const SHELL_DIR = 'electron/shell/';

/** Core code the renderer must not reach: everything under these folders but the contract. */
const CORE_DIRS = ['electron/', 'native/'];
const DEVICE_DIRS = ['electron/devices/', 'electron/sim/'];

/** Tests run under vitest in Node and are never shipped, so they are not roots of a rule. */
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;

export interface Violation {
  file: string;
  /** The import that breaks the rule (a package name or a repository path). */
  target: string;
  /** Files between `file` and the import, when it is reached transitively. */
  via: string[];
  rule: string;
}

interface Rule {
  id: string;
  why: string;
  roots(files: string[]): string[];
  /** The forbidden target an edge names, or null when the edge is fine under this rule. */
  forbidden(edge: ImportEdge): string | null;
}

const RULES: Rule[] = [
  {
    id: 'core ↛ electron',
    why: 'the core runs in plain Node (headless host, tests) and never imports electron',
    roots: (files) => files.filter((f) => f.startsWith('electron/') && !isShellFile(f)),
    forbidden: (edge) => (isElectronPackage(edge.specifier) ? edge.specifier : null),
  },
  {
    id: 'renderer ↛ core',
    why: 'the renderer may import only electron/api/contract.ts from the core',
    roots: rendererRoots,
    forbidden: (edge) => {
      if (edge.file === null || isContractFile(edge.file)) return null;
      return CORE_DIRS.some((dir) => edge.file?.startsWith(dir)) ? edge.file : null;
    },
  },
  {
    id: 'renderer ↛ node',
    why: 'the renderer runs sandboxed: no electron and no Node built-ins',
    roots: rendererRoots,
    forbidden: (edge) => {
      if (edge.file !== null || edge.computed || edge.unresolved) return null;
      const reachesNode = isElectronPackage(edge.specifier) || isNodeBuiltin(edge.specifier);
      return reachesNode ? edge.specifier : null;
    },
  },
  {
    id: 'devices ↛ renderer',
    why: 'device adapters and simulators must not depend on the UI',
    roots: (files) => files.filter((f) => DEVICE_DIRS.some((dir) => f.startsWith(dir))),
    forbidden: (edge) => (edge.file?.startsWith('renderer/') ? edge.file : null),
  },
];

const CHECKABLE_RULE = 'imports must be checkable';

export function checkBoundaries(rootDir: string): { violations: Violation[]; checked: number } {
  const root = resolve(rootDir);
  const graph = new ImportGraph(root);
  const files = [...listSourceFiles(root, 'electron'), ...listSourceFiles(root, 'renderer')]
    .filter((f) => !TEST_FILE.test(f));

  const violations: Violation[] = [];
  for (const rule of RULES) {
    for (const file of rule.roots(files)) violations.push(...walk(graph, rule, file));
  }

  const scoped = new Set(RULES.flatMap((rule) => rule.roots(files)));
  for (const file of scoped) violations.push(...uncheckableImports(graph, file));

  violations.sort((a, b) => formatViolation(a).localeCompare(formatViolation(b)));
  return { violations, checked: scoped.size };
}

export function formatViolation(v: Violation): string {
  const how = v.via.length
    ? `reaches '${v.target}' via ${v.via.join(' → ')}`
    : `imports '${v.target}'`;
  return `${v.file}: ${how} [${v.rule}: ${whyOf(v.rule)}]`;
}

/** Breadth-first from one root, so a transitive violation is shown with its shortest chain. */
function walk(graph: ImportGraph, rule: Rule, root: string): Violation[] {
  const found = new Map<string, Violation>();
  const seen = new Set([root]);
  const queue: { file: string; via: string[] }[] = [{ file: root, via: [] }];

  while (queue.length) {
    const { file, via } = queue.shift() as { file: string; via: string[] };
    for (const edge of graph.edgesOf(file)) {
      const target = rule.forbidden(edge);
      if (target !== null) {
        if (!found.has(target)) found.set(target, { file: root, target, via, rule: rule.id });
        continue;
      }
      if (edge.file === null || !isSourceFile(edge.file) || seen.has(edge.file)) continue;

      seen.add(edge.file);
      queue.push({ file: edge.file, via: [...via, edge.file] });
    }
  }
  return [...found.values()];
}

/** A computed or unresolvable specifier hides what a file reaches, so it fails the check too. */
function uncheckableImports(graph: ImportGraph, file: string): Violation[] {
  return graph
    .edgesOf(file)
    .filter((edge) => edge.computed || edge.unresolved)
    .map((edge) => ({ file, target: edge.specifier, via: [], rule: CHECKABLE_RULE }));
}

function rendererRoots(files: string[]): string[] {
  const contract = files.filter(isContractFile);
  return [...files.filter((f) => f.startsWith('renderer/')), ...contract];
}

function isShellFile(file: string): boolean {
  return SHELL_FILES.includes(file) || file.startsWith(SHELL_DIR);
}

function whyOf(ruleId: string): string {
  if (ruleId === CHECKABLE_RULE) {
    return 'a computed or unresolvable specifier cannot be followed; name a file that exists';
  }
  return RULES.find((rule) => rule.id === ruleId)?.why ?? '';
}

function main(): void {
  const rootDir = process.argv[2] ?? process.cwd();
  const { violations, checked } = checkBoundaries(rootDir);

  if (violations.length === 0) {
    console.log(`boundaries ok: ${checked} files checked`);
    return;
  }
  for (const v of violations) console.error(formatViolation(v));
  console.error(`${violations.length} boundary violation(s) in ${checked} files checked`);
  process.exitCode = 1;
}

if (import.meta.main) main();
