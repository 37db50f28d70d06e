/**
 * Starlight's colour theme is `data-theme="light|dark"` on <html>, switched by its theme picker
 * without a reload. The editor follows it.
 */
export type SiteTheme = 'light' | 'dark';

export function currentSiteTheme(root: HTMLElement = document.documentElement): SiteTheme {
  return root.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

/** Calls `onChange` with the theme now and on every change; returns the function that stops watching. */
export function watchSiteTheme(onChange: (theme: SiteTheme) => void, root: HTMLElement = document.documentElement): () => void {
  onChange(currentSiteTheme(root));
  const observer = new MutationObserver(() => onChange(currentSiteTheme(root)));
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
