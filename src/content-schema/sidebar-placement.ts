import type { z } from 'astro/zod';

interface Placeable {
  kind: string;
  order?: number;
  sidebar: { order?: number | undefined; label?: string | undefined };
}

/**
 * Authors give a lesson's place once, as `order`; Starlight sorts its sidebar by `sidebar.order`.
 * A module's overview always comes first in its group, labelled "Overview".
 */
export function withSidebarPlacement<T extends z.ZodType<Placeable>>(schema: T) {
  return schema.transform((data) => {
    if (data.kind === 'module') {
      return { ...data, sidebar: { ...data.sidebar, order: 0, label: data.sidebar.label ?? 'Overview' } };
    }
    if (data.kind === 'lesson') {
      return { ...data, sidebar: { ...data.sidebar, order: data.sidebar.order ?? data.order } };
    }
    return data;
  });
}
