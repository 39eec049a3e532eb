// The import graph the boundary check walks: every module a source file names (static import,
// export-from, import type, require, dynamic import), found with the TypeScript parser rather
// than regexes, and relative specifiers resolved to files the way Node and Vite would.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One module a file names. `file` is set when a relative specifier resolved to a file. */
export interface ImportEdge {
  specifier: string;
  /** Repository-relative path (forward slashes) of the resolved file, or null for packages. */
  file: string | null;
  /** A relative specifier that points at nothing: the check cannot see past it. */
  unresolved: boolean;
  /** `import(expr)` / `require(expr)` with a computed argument: nothing can be followed. */
  computed: boolean;
}

/** Files the parser reads; anything else an import names (CSS, JSON, images) is a leaf. */
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Tried in this order when a relative specifier names no file as written. */
const RESOLVE_SUFFIXES = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '/index.ts', '/index.tsx'];

/** Folders that hold build output or packages, never our sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'release', '.git']);

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

export function isSourceFile(path: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith('node:')) return true;
  return NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);
}

export function isElectronPackage(specifier: string): boolean {
  return specifier === 'electron' || specifier.startsWith('electron/');
}

/** Every source file under `dir` (repository-relative, forward slashes), sorted. */
export function listSourceFiles(root: string, dir: string): string[] {
  const start = join(root, dir);
  if (!existsSync(start)) return [];

  const out: string[] = [];
  const walk = (abs: string): void => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const child = join(abs, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(child);
      if (entry.isFile() && isSourceFile(entry.name)) out.push(toRepoPath(root, child));
    }
  };
  walk(start);
  return out.sort();
}

export class ImportGraph {
  private readonly root: string;
  private readonly cache = new Map<string, ImportEdge[]>();

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The modules one file names, parsed once and cached. */
  edgesOf(file: string): ImportEdge[] {
    const cached = this.cache.get(file);
    if (cached) return cached;

    const abs = join(this.root, file);
    const text = readFileSync(abs, 'utf8');
    const source = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, false, scriptKind(abs));
    const edges = collectSpecifiers(source).map((found) => this.toEdge(file, found));
    this.cache.set(file, edges);
    return edges;
  }

  private toEdge(from: string, found: FoundSpecifier): ImportEdge {
    if (found.computed) {
      return { specifier: found.text, file: null, unresolved: false, computed: true };
    }

    const specifier = found.text;
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) {
      return { specifier, file: null, unresolved: false, computed: false };
    }

    const target = this.resolveRelative(from, specifier);
    return { specifier, file: target, unresolved: target === null, computed: false };
  }

  private resolveRelative(from: string, specifier: string): string | null {
    // Vite accepts `./worker.ts?worker` and `./text.md?raw`: the query is not part of the path.
    const bare = specifier.split('?')[0] ?? specifier;
    const base = resolve(this.root, dirname(from), bare);

    if (isFile(base)) return toRepoPath(this.root, base);
    for (const suffix of RESOLVE_SUFFIXES) {
      if (isFile(base + suffix)) return toRepoPath(this.root, base + suffix);
    }
    // NodeNext style: `./x.js` written for a file that is `./x.ts`.
    const jsToTs = base.replace(/\.(m|c)?js$/, '.$1ts');
    if (jsToTs !== base && isFile(jsToTs)) return toRepoPath(this.root, jsToTs);
    return null;
  }
}

interface FoundSpecifier {
  text: string;
  computed: boolean;
}

function collectSpecifiers(source: ts.SourceFile): FoundSpecifier[] {
  const found: FoundSpecifier[] = [];

  const visit = (node: ts.Node): void => {
    const named = specifierOfDeclaration(node);
    if (named !== undefined) found.push({ text: named, computed: false });

    const called = specifierOfCall(node, source);
    if (called) found.push(called);

    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** `import … from 'x'`, `export … from 'x'`, `import x = require('x')`, `import('x').T`. */
function specifierOfDeclaration(node: ts.Node): string | undefined {
  if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
    const spec = node.moduleSpecifier;
    return spec && ts.isStringLiteral(spec) ? spec.text : undefined;
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const spec = node.moduleReference.expression;
    return ts.isStringLiteral(spec) ? spec.text : undefined;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const literal = node.argument.literal;
    return ts.isStringLiteral(literal) ? literal.text : undefined;
  }
  return undefined;
}

/** `require('x')` and `import('x')`; a computed argument is reported, not guessed. */
function specifierOfCall(node: ts.Node, source: ts.SourceFile): FoundSpecifier | undefined {
  if (!ts.isCallExpression(node)) return undefined;

  const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
  const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
  if (!isDynamicImport && !isRequire) return undefined;

  const arg = node.arguments[0];
  if (!arg) return undefined;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) {
    return { text: arg.text, computed: false };
  }
  return { text: arg.getText(source), computed: true };
}

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(m|c)?js$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function toRepoPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
