/** How the OGC API answers: JSON, or an HTML page when `f=html` or a browser's Accept asks. */
import type { Endpoint, OgcLink, ResponseOf } from '@hatang/contracts';
import type { Context } from 'hono';
import type { AppEnv } from '../../context.js';
import { ogcHtml } from './ogc-html.js';

export const GEOJSON = 'application/geo+json';

/** `f` decides; without it, an Accept naming text/html (a browser) gets HTML. */
export function wantsHtml(c: Context<AppEnv>): boolean {
  const f = c.req.query('f');
  if (f) return f === 'html';
  const accept = c.req.header('accept') ?? '';
  return accept.includes('text/html');
}

/** The OGC API's root URL on this server. */
export const ogcBase = (c: Context<AppEnv>): string => `${new URL(c.req.url).origin}/ogc`;

/**
 * Answers the endpoint's 200 document (`doc` without its links) as JSON, or as the HTML page when
 * a browser asks; `self`/`alternate` links for both go first, then `links`.
 */
export function respond<E extends Endpoint>(
  c: Context<AppEnv>,
  _endpoint: E,
  page: { title: string; description: string },
  doc: Omit<ResponseOf<E, 200>, 'links'>,
  links: OgcLink[],
): Response {
  const url = new URL(c.req.url);
  const html = wantsHtml(c);
  const as = (f: string) => {
    const u = new URL(url);
    u.searchParams.set('f', f);
    return u.toString();
  };
  const all: OgcLink[] = [
    {
      href: as(html ? 'html' : 'json'),
      rel: 'self',
      type: html ? 'text/html' : 'application/json',
      title: 'This document',
    },
    {
      href: as(html ? 'json' : 'html'),
      rel: 'alternate',
      type: html ? 'application/json' : 'text/html',
      title: html ? 'As JSON' : 'As HTML',
    },
    ...links,
  ];
  if (html) return c.html(ogcHtml(page.title, page.description, all, { ...doc, links: all }));
  return c.json({ ...doc, links: all });
}
