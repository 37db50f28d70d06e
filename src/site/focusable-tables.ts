import type { AstroIntegration } from 'astro';
import { isSatteriProcessor } from '@astrojs/markdown-satteri';

/**
 * Starlight lets a wide table scroll sideways inside the content column. A region that scrolls
 * must be reachable from the keyboard (WCAG 2.1.1; axe `scrollable-region-focusable`), so every
 * table in the course's Markdown is made focusable and named as a region, at build time, by a
 * plugin on Astro's Markdown processor (Sätteri), the way Starlight adds its own transforms.
 */
const focusableTables = {
  name: 'mqtt-lab-focusable-tables',
  element: [
    {
      filter: ['table'],
      visit(node: unknown, ctx: { setProperty(node: unknown, name: string, value: string): void }) {
        ctx.setProperty(node, 'tabindex', '0');
        ctx.setProperty(node, 'role', 'region');
        ctx.setProperty(node, 'aria-label', 'Table');
      },
    },
  ],
};

export function focusableTablesIntegration(): AstroIntegration {
  return {
    name: 'mqtt-lab:focusable-tables',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor;
        if (isSatteriProcessor(processor)) processor.options.hastPlugins.push(focusableTables);
      },
    },
  };
}
