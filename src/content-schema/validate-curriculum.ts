/**
 * Rules that span files, which a per-file schema cannot see: every lesson sits in a module folder
 * that has an overview, module folders are numbered as their overviews say, and orders are unique.
 * Each problem names the file (relative to the project) so an instructor can go straight to it.
 */

export interface CurriculumEntry {
  /** Path relative to the project root, e.g. "content/modules/01-fundamentals/index.mdx". */
  filePath: string;
  data: { kind: string; order?: number; title?: string };
}

const MODULE_FILE = /^content\/modules\/([^/]+)\/index\.mdx?$/;
const MODULE_DIR = /^content\/modules\/([^/]+)\//;
const NUMBERED_DIR = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function curriculumProblems(entries: readonly CurriculumEntry[]): string[] {
  const problems: string[] = [];
  const modules = new Map<string, CurriculumEntry>();

  for (const entry of entries) {
    const moduleFile = MODULE_FILE.exec(entry.filePath);
    if (entry.data.kind === 'module') {
      if (!moduleFile) {
        problems.push(`${entry.filePath}: kind: a module overview must be content/modules/NN-slug/index.mdx`);
        continue;
      }
      const dir = moduleFile[1]!;
      const numbered = NUMBERED_DIR.exec(dir);
      if (!numbered) {
        problems.push(`${entry.filePath}: the module folder "${dir}" must be named NN-slug (e.g. 01-fundamentals)`);
      } else if (Number(numbered[1]) !== entry.data.order) {
        problems.push(`${entry.filePath}: order: ${entry.data.order} does not match the folder number ${numbered[1]}`);
      }
      modules.set(dir, entry);
    } else if (moduleFile) {
      problems.push(`${entry.filePath}: kind: the overview of a module folder must have kind: module (found "${entry.data.kind}")`);
    }
  }

  const known = [...modules.keys()].sort();
  const lessonOrders = new Map<string, Map<number, string>>();
  for (const entry of entries) {
    if (entry.data.kind !== 'lesson') continue;
    const dir = MODULE_DIR.exec(entry.filePath)?.[1];
    if (dir === undefined) {
      problems.push(`${entry.filePath}: kind: a lesson must live in a module folder, content/modules/NN-slug/`);
      continue;
    }
    if (!modules.has(dir)) {
      problems.push(
        `${entry.filePath}: module: this lesson belongs to module "${dir}", which has no overview ` +
          `content/modules/${dir}/index.mdx (known modules: ${known.join(', ') || 'none'})`,
      );
      continue;
    }
    const orders = lessonOrders.get(dir) ?? new Map<number, string>();
    const order = entry.data.order ?? 0;
    const clash = orders.get(order);
    if (clash) problems.push(`${entry.filePath}: order: ${order} is already used by ${clash}`);
    orders.set(order, entry.filePath);
    lessonOrders.set(dir, orders);
  }

  const moduleOrders = new Map<number, string>();
  for (const entry of modules.values()) {
    const clash = moduleOrders.get(entry.data.order ?? 0);
    if (clash) problems.push(`${entry.filePath}: order: ${entry.data.order} is already used by ${clash}`);
    moduleOrders.set(entry.data.order ?? 0, entry.filePath);
  }
  return problems;
}
