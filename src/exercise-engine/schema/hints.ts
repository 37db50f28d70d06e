/**
 * `hints.md` holds the hints in the order they are revealed: one `## ` heading per hint, the
 * heading being the hint's short title and the text under it its body (Markdown).
 */
export interface Hint {
  title: string;
  body: string;
}

export function parseHints(markdown: string): Hint[] {
  const hints: Hint[] = [];
  let current: { title: string; lines: string[] } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^## +(.+?)\s*$/.exec(line);
    if (heading) {
      if (current) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
      current = { title: heading[1] ?? '', lines: [] };
    } else if (current) {
      current.lines.push(line);
    }
  }
  if (current) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
  return hints;
}
