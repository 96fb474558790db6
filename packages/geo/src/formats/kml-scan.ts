/**
 * One linear pass over KML text before any XML parser sees it: refuses documents nested deeper
 * than maxDepth, with more placemarks or coordinate tuples than the limits, with a text longer than
 * maxCellChars, or with a DTD (entity expansion); and collects the hrefs of `<NetworkLink>`s.
 * It is not an XML parser: it only finds tags, comments, CDATA and text, character by character,
 * never going back, so its time is linear in the text whatever the text holds.
 */
import type { ParseBudget } from './budget.js';
import { FormatError } from './source-feature.js';

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const QUOTE = 34;
const APOSTROPHE = 39;

/** The elements togeojson turns into features. */
const FEATURES = new Set(['Placemark', 'GroundOverlay', 'NetworkLink']);

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Coordinate tuples in a `<coordinates>` text: runs of non-space characters. */
function tuplesIn(text: string, from: number, to: number): number {
  let count = 0;
  let inTuple = false;
  for (let i = from; i < to; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inTuple) count++;
    inTuple = !space;
  }
  return count;
}

function damaged(why: string): FormatError {
  return new FormatError('DAMAGED_FILE', `The KML is not well-formed XML (${why}).`);
}

/** Scans `text` against `budget`; returns the NetworkLink hrefs in document order (trimmed, `&amp;` decoded). */
export function scanKml(text: string, budget: ParseBudget): string[] {
  const length = text.length;
  const stack: string[] = [];
  const links: string[] = [];
  let linkDepth = -1; // depth of the open <NetworkLink>, -1 outside one
  let href: string | undefined;
  let inFeature = 0;

  const onText = (from: number, to: number) => {
    const parent = stack[stack.length - 1];
    if (parent === 'coordinates') {
      budget.addVertices(tuplesIn(text, from, to));
      return;
    }
    budget.cell(to - from, `a <${parent ?? 'kml'}> text`);
    if (linkDepth >= 0 && href === undefined && parent === 'href') href = text.slice(from, to);
  };

  let i = 0;
  while (i < length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > i && stack.length > 0) onText(i, textEnd);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) throw damaged('a comment is not closed');
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) throw damaged('a CDATA section is not closed');
      onText(lt + 9, end);
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) throw damaged('a processing instruction is not closed');
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      const end = text.indexOf('>', lt + 2);
      const bracket = text.indexOf('[', lt + 2);
      if (end < 0 || (bracket >= 0 && bracket < end)) {
        throw new FormatError(
          'UNSUPPORTED_FILE',
          'The KML declares a DTD with its own entities: KML needs none, and such documents are refused.',
        );
      }
      i = end + 1;
      continue;
    }
    // A tag: its end is the first '>' outside quoted attribute values.
    let j = lt + 1;
    let quote = 0;
    for (; j < length; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === QUOTE || c === APOSTROPHE) quote = c;
      else if (c === GT) break;
    }
    if (j >= length) throw damaged('a tag is not closed');
    budget.cell(j - lt, 'a tag');
    const closing = text.charCodeAt(lt + 1) === SLASH;
    let nameEnd = lt + (closing ? 2 : 1);
    while (nameEnd < j) {
      const c = text.charCodeAt(nameEnd);
      if (isSpace(c) || c === SLASH || c === GT || c === LT) break;
      nameEnd++;
    }
    const name = text.slice(lt + (closing ? 2 : 1), nameEnd);
    const local = name.slice(name.lastIndexOf(':') + 1);
    if (closing) {
      if (stack.length === 0) throw damaged(`</${name}> closes no element`);
      stack.pop();
      if (FEATURES.has(local)) inFeature--;
      if (stack.length === linkDepth) {
        if (href !== undefined) links.push(href.trim().replaceAll('&amp;', '&'));
        linkDepth = -1;
        href = undefined;
      }
    } else {
      const selfClosing = text.charCodeAt(j - 1) === SLASH;
      if (FEATURES.has(local)) {
        budget.feature();
        if (!selfClosing) inFeature++;
      } else if (local === 'coord' && inFeature > 0) budget.addVertices(1); // gx:Track's <gx:coord>
      if (!selfClosing) {
        if (local.toLowerCase() === 'networklink' && linkDepth < 0) linkDepth = stack.length;
        stack.push(local.toLowerCase() === 'href' ? 'href' : local);
        budget.depth(stack.length, 'XML elements');
      }
    }
    i = j + 1;
  }
  return links;
}
