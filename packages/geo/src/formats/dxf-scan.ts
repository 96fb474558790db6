/**
 * A linear pass over a DXF's group pairs (code line, value line) that runs before the parser and
 * refuses a hostile drawing before any entity object is built: binary or non-text bytes, too many
 * entities or vertices, and block definitions nested deeper than `maxDepth` (an INSERT of a block
 * that inserts a block … or a cycle). It also collects what dxf-parser does not read: the
 * attributes (ATTRIB tag → text) that follow each INSERT of the ENTITIES section, in file order.
 */
import { LimitError, type ParseLimits } from './limits.js';
import { FormatError } from './source-feature.js';

export interface DxfScan {
  /** Drawing entities of the ENTITIES section (VERTEX, ATTRIB and SEQEND not counted). */
  entities: number;
  /** For the n-th INSERT of the ENTITIES section, its attributes (tag → text). */
  insertAttributes: Record<string, string>[];
  /** Deepest chain of block definitions inserting one another (0: no block inserts a block). */
  blockDepth: number;
}

const SUB_RECORDS = new Set(['VERTEX', 'ATTRIB', 'SEQEND']);
const n = (value: number) => value.toLocaleString('en-US');

/** Throws FormatError when `head` (the file's first bytes) is not a text DXF. */
export function checkDxfBytes(head: Uint8Array): void {
  const text = new TextDecoder('latin1').decode(head);
  if (text.startsWith('AutoCAD Binary DXF'))
    throw new FormatError(
      'UNSUPPORTED_FILE',
      'This is a binary DXF: save the drawing as ASCII DXF (DXF R12 or later) and import it again.',
    );
  if (head.includes(0))
    throw new FormatError('UNSUPPORTED_FILE', 'The file is not a text DXF (it holds binary bytes).');
}

/**
 * Scans the DXF `text` against `limits` (maxFeatures for entities, maxVertices for VERTEX records,
 * maxDepth for block nesting); throws LimitError or FormatError (DAMAGED_FILE) before any parse.
 */
export function scanDxf(text: string, limits: ParseLimits): DxfScan {
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i + 1 < lines.length && lines[i]?.trim() === '999') i += 2; // leading comments
  if (lines[i]?.trim() !== '0' || lines[i + 1]?.trim() !== 'SECTION')
    throw new FormatError('DAMAGED_FILE', 'The file is not a DXF drawing: it does not begin with a SECTION.');
  let section = '';
  let expectSectionName = false;
  let entities = 0;
  let vertices = 0;
  let type = '';
  /** The block being defined (BLOCKS section) and what each block inserts. */
  let block: string | undefined;
  const inserts = new Map<string, Set<string>>();
  const insertAttributes: Record<string, string>[] = [];
  let attribute: { tag?: string; text?: string } | undefined;
  const closeAttribute = () => {
    const current = insertAttributes.at(-1);
    if (attribute?.tag !== undefined && current) current[attribute.tag] = attribute.text ?? '';
    attribute = undefined;
  };
  for (; i + 1 < lines.length; i += 2) {
    const code = Number(lines[i]);
    const value = (lines[i + 1] ?? '').trim();
    if (!Number.isInteger(code))
      throw new FormatError(
        'DAMAGED_FILE',
        `The DXF is damaged at line ${i + 1}: "${lines[i]}" is not a group code.`,
      );
    if (value.length > limits.maxCellChars)
      throw new LimitError(
        'maxCellChars',
        limits.maxCellChars,
        `A DXF value at line ${i + 2} has ${n(value.length)} characters, more than the limit of ${n(limits.maxCellChars)} (maxCellChars).`,
      );
    if (code === 0) {
      closeAttribute();
      type = value;
      if (value === 'SECTION') expectSectionName = true;
      else if (value === 'ENDSEC') section = '';
      else if (section === 'BLOCKS' && value === 'ENDBLK') block = undefined;
      else if (section === 'ENTITIES') {
        if (value === 'VERTEX') {
          vertices++;
          if (vertices > limits.maxVertices)
            throw new LimitError(
              'maxVertices',
              limits.maxVertices,
              `The DXF has more than ${n(limits.maxVertices)} vertices in all, the limit (maxVertices).`,
            );
        } else if (value === 'ATTRIB') attribute = {};
        else if (!SUB_RECORDS.has(value)) {
          entities++;
          if (entities > limits.maxFeatures)
            throw new LimitError(
              'maxFeatures',
              limits.maxFeatures,
              `The DXF has more than ${n(limits.maxFeatures)} entities, the limit (maxFeatures); nothing was imported.`,
            );
          if (value === 'INSERT') insertAttributes.push({});
        }
      }
      continue;
    }
    if (code === 2 && expectSectionName) {
      section = value;
      expectSectionName = false;
      continue;
    }
    if (section === 'BLOCKS' && code === 2) {
      if (type === 'BLOCK') {
        block = value;
        if (!inserts.has(value)) inserts.set(value, new Set());
      } else if (type === 'INSERT' && block !== undefined) inserts.get(block)?.add(value);
    }
    if (attribute && code === 2) attribute.tag = value;
    if (attribute && code === 1) attribute.text = value;
  }
  closeAttribute();
  return { entities, insertAttributes, blockDepth: blockDepthOf(inserts, limits) };
}

/** The deepest chain of blocks inserting blocks; a chain past maxDepth, or a cycle, is refused. */
function blockDepthOf(inserts: ReadonlyMap<string, ReadonlySet<string>>, limits: ParseLimits): number {
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  const tooDeep = () =>
    new LimitError(
      'maxDepth',
      limits.maxDepth,
      `The DXF's blocks insert one another deeper than the limit of ${limits.maxDepth} levels (maxDepth), or in a cycle; nothing was imported.`,
    );
  // Iterative depth-first walk (a recursive one could itself be driven past the stack).
  const visit = (root: string): number => {
    const stack: { name: string; children: string[]; best: number }[] = [];
    const push = (name: string) => {
      if (onPath.has(name) || stack.length > limits.maxDepth) throw tooDeep();
      onPath.add(name);
      stack.push({ name, children: [...(inserts.get(name) ?? [])], best: 0 });
    };
    push(root);
    let result = 0;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (!top) break;
      const child = top.children.pop();
      if (child !== undefined) {
        const known = depth.get(child);
        if (known !== undefined) top.best = Math.max(top.best, known + 1);
        else if (inserts.has(child)) push(child);
        continue;
      }
      stack.pop();
      onPath.delete(top.name);
      depth.set(top.name, top.best);
      const parent = stack[stack.length - 1];
      if (parent) parent.best = Math.max(parent.best, top.best + 1);
      else result = top.best;
      if (top.best > limits.maxDepth) throw tooDeep();
    }
    return result;
  };
  let deepest = 0;
  for (const name of inserts.keys()) deepest = Math.max(deepest, depth.get(name) ?? visit(name));
  return deepest;
}
