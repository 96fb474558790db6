/** A minimal HTML rendering of OGC API documents, for people who open /ogc in a browser. */
import type { OgcLink } from '@hatang/contracts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A page with a title, a description, the document's links and its JSON (pretty-printed). */
export function ogcHtml(
  title: string,
  description: string,
  links: readonly OgcLink[],
  json: unknown,
): string {
  const items = links
    .filter((l) => !l.type || l.type.includes('html') || l.rel === 'service-desc')
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title ?? l.rel)}</a> <small>(${escapeHtml(l.rel)})</small></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Hatang OGC API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}pre{background:#f4f4f4;padding:1rem;overflow:auto;max-height:40rem}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(description)}</p><ul>${items}</ul>
<pre>${escapeHtml(JSON.stringify(json, null, 2))}</pre></body></html>`;
}
