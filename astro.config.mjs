// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { moduleSidebarGroups } from './src/site/sidebar.ts';
import { focusableTablesIntegration } from './src/site/focusable-tables.ts';
import { sandboxBrokerVite } from './sandbox-broker/vite-browser.ts';

const contentDir = fileURLToPath(new URL('./content', import.meta.url));
// Instructors edit the files in the repository; forks point this at their own.
const repoEditUrl = process.env.MQTT_LAB_EDIT_URL ?? 'https://github.com/mqtt-lab/mqtt-lab/edit/main/';

export default defineConfig({
  site: 'https://mqtt-lab.example.org',
  vite: { ...sandboxBrokerVite() },
  integrations: [
    starlight({
      title: 'MQTT Lab',
      description: 'Learn MQTT 3.1.1 and 5.0 by doing: lessons, a real broker in your browser, every packet visible, graded exercises.',
      editLink: { baseUrl: repoEditUrl },
      lastUpdated: false,
      // Heading anchors, asides and code-block fixes apply only to these folders: ours is content/.
      markdown: { processedDirs: ['./content'] },
      customCss: ['./src/styles/course.css'],
      components: {
        PageTitle: './src/components/overrides/PageTitle.astro',
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
      },
      sidebar: [
        {
          label: 'Start here',
          items: [
            { label: 'The learning path', link: '/' },
            { label: 'Levels and assessment', link: '/levels/' },
            { label: 'Your progress', link: '/dashboard/' },
            { label: 'Beginner assessment', link: '/assessment/beginner/' },
            { label: 'Intermediate assessment', link: '/assessment/intermediate/' },
            { label: 'Advanced assessment', link: '/assessment/advanced/' },
          ],
        },
        ...moduleSidebarGroups(contentDir),
        {
          label: 'Beyond the modules',
          items: [
            { label: 'Capstone projects', link: '/projects/' },
            { label: 'Resources', link: '/resources/' },
            { label: 'Next steps', link: '/next-steps/' },
          ],
        },
        { label: 'For instructors', items: [{ label: "Instructors' guide", link: '/instructors/' }] },
      ],
    }),
    mdx(),
    focusableTablesIntegration(),
    // Interactive islands (exercise, demo, packet view, quiz) are Preact: small, and hydrated only where used.
    preact(),
  ],
});
