import { expect, test } from 'vitest';
import { explainToHtml } from '../explain-markdown.ts';

test('paragraphs, code, bold and emphasis', () => {
  expect(explainToHtml('One `a*b*` **two** *three*\nstill one.\n\nNext.')).toBe(
    '<p>One <code>a*b*</code> <strong>two</strong> <em>three</em> still one.</p><p>Next.</p>',
  );
});

test('markup in an explanation is escaped, also inside code', () => {
  expect(explainToHtml('<img src=x onerror=alert(1)> `<b>`')).toBe('<p>&lt;img src=x onerror=alert(1)&gt; <code>&lt;b&gt;</code></p>');
});
