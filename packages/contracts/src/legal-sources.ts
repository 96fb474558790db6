/**
 * The legal-sources registry (data/legal-sources.json, copied here by `npm run legal:sync` because
 * a workspace reads only its own folder): every document a rule, check, label, PDF or comment
 * relies on, with what of it was read. Text shown to users cites through `cite()`, so a document's
 * number is typed once; a comment names the entry as `legal: <id>`.
 */
import { z } from 'zod';
import registryJson from './legal-sources.json';

const bilingual = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });

/** One article (or section, appendix) of a document that the code uses. */
export const legalArticle = z.strictObject({
  /** How code names it in `cite(id, ref)`: "7(1)(b)-(c)", "II.2". */
  ref: z.string().min(1),
  vi: z.string().min(1),
  en: z.string().min(1),
  usedFor: z.string().min(1),
  /** Whether this article's own text was read for this project. */
  textRead: z.boolean(),
});

export const legalSourceType = z.enum([
  'law',
  'decree',
  'decision',
  'circular',
  'joint-circular',
  'resolution',
  'standard',
  'plan',
  'international',
]);

export const legalSource = z.strictObject({
  /** kebab-case, e.g. "law-24-2023-qh15". */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** The official number ("32/2016/NĐ-CP", "QCVN 8:2022/BTTTT"); null when none was verified. */
  number: z.string().min(1).nullable(),
  type: legalSourceType,
  title: bilingual,
  /** The full citation, e.g. "Nghị định 32/2016/NĐ-CP" / "Decree 32/2016/NĐ-CP". */
  citation: bilingual,
  /** A short form for labels: "NĐ 32/2016" / "Decree 32/2016". */
  short: bilingual,
  issuer: z.string().min(1),
  /** Date of issue, ISO; null when it was not read. */
  date: z.iso.date().nullable(),
  status: z.string().min(1),
  /** What the code relies on it for, article or not. */
  usedFor: z.array(z.string().min(1)).min(1),
  articlesUsed: z.array(legalArticle),
  /** Whether any of the document's own text was read (readAt says which parts). */
  textRead: z.boolean(),
  /** Where it was read (URLs, with the parts read), or "not read …" and where its number was seen. */
  readAt: z.string().min(1),
  notes: z.string(),
});
export type LegalSource = z.infer<typeof legalSource>;

export const legalSourcesRegistry = z
  .strictObject({ about: z.string(), sources: z.array(legalSource).min(1) })
  .superRefine((registry, ctx) => {
    const seen = new Set<string>();
    registry.sources.forEach((source, i) => {
      if (seen.has(source.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `duplicate id ${source.id}` });
      seen.add(source.id);
      source.articlesUsed.forEach((article, j) => {
        if (article.textRead && !source.textRead)
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, 'articlesUsed', j, 'textRead'],
            message: `${source.id} claims its article ${article.ref} was read, but not the document`,
          });
      });
    });
  });

/** The registry, parsed once at import (a malformed file fails every test that imports contracts). */
export const LEGAL_SOURCES: readonly LegalSource[] = legalSourcesRegistry.parse(registryJson).sources;

const BY_ID = new Map(LEGAL_SOURCES.map((s) => [s.id, s]));

/** The entry with this id; throws on an unknown id (a citation must name a registry entry). */
export function legalSourceById(id: string): LegalSource {
  const source = BY_ID.get(id);
  if (!source) throw new Error(`legal source "${id}" is not in data/legal-sources.json`);
  return source;
}

/**
 * The citation text of a document, optionally with articles of it: "Nghị định 32/2016/NĐ-CP,
 * Điều 7 khoản 1 điểm b, c" / "Decree 32/2016/NĐ-CP, art. 7(1)(b)–(c)"; several articles are joined
 * ("Plan 317, section II.2 and section III.1"). `short` gives the label form ("NĐ 32/2016").
 * Throws when an article is not one the registry lists as read: an article whose text was not read
 * is never cited.
 */
export function cite(
  id: string,
  article?: string | readonly string[],
  options: { short?: boolean } = {},
): { vi: string; en: string } {
  const source = legalSourceById(id);
  const name = options.short ? source.short : source.citation;
  if (article === undefined) return { vi: name.vi, en: name.en };
  const used = (typeof article === 'string' ? [article] : article).map((ref) => {
    const found = source.articlesUsed.find((a) => a.ref === ref);
    if (!found?.textRead)
      throw new Error(`${id}: article ${ref} is not listed as read in data/legal-sources.json`);
    return found;
  });
  return {
    vi: `${name.vi}, ${used.map((a) => a.vi).join(' và ')}`,
    en: `${name.en}, ${used.map((a) => a.en).join(' and ')}`,
  };
}
