import { defineCollection } from 'astro:content';
import { docsSchema } from '@astrojs/starlight/schema';
import { curriculumLoader } from './content-schema/curriculum-loader';
import { courseFrontmatter } from './content-schema/frontmatter';
import { withSidebarPlacement } from './content-schema/sidebar-placement';

export const collections = {
  docs: defineCollection({
    loader: curriculumLoader(),
    schema: (context) => withSidebarPlacement(docsSchema({ extend: courseFrontmatter })(context)),
  }),
};
