import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { quizSchema } from './assessment/quiz-schema';
import { curriculumLoader } from './content-schema/curriculum-loader';
import { courseFrontmatter } from './content-schema/frontmatter';
import { withSidebarPlacement } from './content-schema/sidebar-placement';

export const collections = {
  docs: defineCollection({
    loader: curriculumLoader(),
    schema: (context) => withSidebarPlacement(docsSchema({ extend: courseFrontmatter })(context)),
  }),
  /** content/quizzes/<id>.yaml: the questions a `<Quiz id="…" />` renders, also drawn on by the level assessments. */
  quizzes: defineCollection({
    loader: glob({ base: './content/quizzes', pattern: '*.yaml' }),
    schema: quizSchema,
  }),
};
