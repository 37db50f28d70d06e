/// <reference types="vite/client" />
/**
 * Finds demos by id (`<module>/<slug>` ↔ exercises/<module>/demos/<slug>.ts). Each demo is its own
 * lazily loaded chunk, fetched when the learner presses Play.
 */
import type { Demo } from './define-demo.ts';

const modules = import.meta.glob<{ default: Demo }>('/exercises/*/demos/*.ts');

const pathOf = (id: string): string => {
  const [module, slug] = id.split('/');
  return `/exercises/${module}/demos/${slug}.ts`;
};

export function demoIds(): string[] {
  return Object.keys(modules)
    .map((path) => {
      const [, , module, , file] = path.split('/');
      return `${module}/${file?.replace(/\.ts$/, '')}`;
    })
    .sort();
}

export function hasDemo(id: string): boolean {
  return modules[pathOf(id)] !== undefined;
}

export async function loadDemo(id: string): Promise<Demo> {
  const load = modules[pathOf(id)];
  if (!load) throw new Error(`No demo "${id}" (expected exercises/${id.replace('/', '/demos/')}.ts)`);
  const demo = (await load()).default;
  if (demo.id !== id) throw new Error(`exercises/${id.replace('/', '/demos/')}.ts declares id "${demo.id}"; it must be "${id}"`);
  return demo;
}
