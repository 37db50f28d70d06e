/**
 * Build-time Markdown for exercise prompts and hints, with the processor Astro itself uses
 * (Sätteri, GFM tables included). Runs only while the site is built: no client cost.
 */
import { markdownToHtml } from 'satteri';

export async function renderMarkdown(markdown: string): Promise<string> {
  return (await markdownToHtml(markdown)).html;
}

/** A prompt's leading `# Title` duplicates the exercise heading the component prints. */
export function withoutLeadingTitle(markdown: string): string {
  return markdown.replace(/^\s*# [^\n]*\n+/, '');
}

/** JSON that is safe inside <script type="application/json">: no `</script>` can close it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
