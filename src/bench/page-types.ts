import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type PageType = 'home' | 'module overview' | 'lesson' | 'levels' | 'resources' | '404';

/**
 * One built page of each type, found in dist/: the first module overview and the first lesson
 * of the first module that has one, so the figures follow the content as it grows.
 */
export function findPageOfEachType(dist: string): { type: PageType; path: string }[] {
  const pages: { type: PageType; path: string }[] = [{ type: 'home', path: '/' }];
  const modulesDir = join(dist, 'modules');
  const modules = existsSync(modulesDir) ? readdirSync(modulesDir).sort() : [];
  if (modules[0]) pages.push({ type: 'module overview', path: `/modules/${modules[0]}/` });
  const lessonPath = modules
    .flatMap((module) =>
      readdirSync(join(modulesDir, module), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `/modules/${module}/${entry.name}/`),
    )
    .at(0);
  if (lessonPath) pages.push({ type: 'lesson', path: lessonPath });
  pages.push({ type: 'levels', path: '/levels/' }, { type: 'resources', path: '/resources/' }, { type: '404', path: '/404.html' });
  return pages;
}
