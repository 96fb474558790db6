import { type BBox, bboxParam, toIssues } from '@hatang/contracts';
import { validationFailed } from '../../errors.js';

/** A list's `bbox` text as a BBox (undefined when not given); 400 naming `bbox` when unreadable. */
export function parseBboxParam(text: string | undefined): BBox | undefined {
  if (text === undefined) return undefined;
  const bbox = bboxParam.safeParse(text);
  if (!bbox.success) throw validationFailed(toIssues(bbox.error, ['bbox']));
  return bbox.data;
}
