/**
 * Counts what a reader has taken from one file (features, vertices) against the ParseLimits and
 * throws the LimitError the moment a limit would be passed, so a reader stops before the work.
 * One budget can span several documents (the layers a KMZ links to).
 */
import { LimitError, type ParseLimits } from './limits.js';

const n = (value: number) => value.toLocaleString('en-US');

export class ParseBudget {
  private features = 0;
  private vertices = 0;
  private featureVertices = 0;

  constructor(
    readonly limits: ParseLimits,
    /** What the file is, for the messages: "KML", "GeoPackage", "zipped Shapefile". */
    readonly what: string,
  ) {}

  /** One more feature; its vertices are counted from zero. */
  feature(): void {
    this.features++;
    this.featureVertices = 0;
    if (this.features > this.limits.maxFeatures) throw this.featuresError();
  }

  /** A feature count known up front (a header, a LIMIT query): refused before any is read. */
  featureCount(count: number): void {
    if (count > this.limits.maxFeatures) throw this.featuresError();
  }

  /** `count` more vertices in the current feature (and in the file). */
  addVertices(count: number): void {
    this.featureVertices += count;
    this.vertices += count;
    const { maxVerticesPerFeature, maxVertices } = this.limits;
    if (this.featureVertices > maxVerticesPerFeature) {
      throw new LimitError(
        'maxVerticesPerFeature',
        maxVerticesPerFeature,
        `A feature of the ${this.what} (number ${n(this.features)}) has more than ${n(maxVerticesPerFeature)} vertices, the limit per feature (maxVerticesPerFeature).`,
      );
    }
    if (this.vertices > maxVertices) {
      throw new LimitError(
        'maxVertices',
        maxVertices,
        `The ${this.what} has more than ${n(maxVertices)} vertices in all, the limit (maxVertices).`,
      );
    }
  }

  /** A text cell (attribute, WKT, description) of `length` characters. */
  cell(length: number, where: string): void {
    cellLimit(length, this.limits, `${where} of the ${this.what}`);
  }

  /** Nesting depth `depth` (XML elements, geometry collections, JSON). */
  depth(depth: number, where: string): void {
    depthLimit(depth, this.limits, `${where} of the ${this.what}`);
  }

  private featuresError(): LimitError {
    const { maxFeatures } = this.limits;
    return new LimitError(
      'maxFeatures',
      maxFeatures,
      `The ${this.what} has more than ${n(maxFeatures)} features, the limit (maxFeatures).`,
    );
  }
}

/** Throws when a text of `length` characters is longer than maxCellChars. */
export function cellLimit(length: number, limits: ParseLimits, where: string): void {
  if (length > limits.maxCellChars) {
    throw new LimitError(
      'maxCellChars',
      limits.maxCellChars,
      `A text (${where}) has ${n(length)} characters, more than the limit of ${n(limits.maxCellChars)} (maxCellChars).`,
    );
  }
}

/** Throws when nesting reaches deeper than maxDepth. */
export function depthLimit(depth: number, limits: ParseLimits, where: string): void {
  if (depth > limits.maxDepth) {
    throw new LimitError(
      'maxDepth',
      limits.maxDepth,
      `The nesting (${where}) is deeper than the limit of ${limits.maxDepth} levels (maxDepth).`,
    );
  }
}
