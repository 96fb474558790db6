/**
 * Hono route patterns → OpenAPI path templates: `/api/v1/towers/:id` → `/api/v1/towers/{id}`,
 * `/tiles/:layer/:z{[0-9]+}/:x{[0-9]+}/:y{[0-9]+\.mvt}` → `/tiles/{layer}/{z}/{x}/{y}.mvt`,
 * `/tiles/:file{[a-z-]+\.json}` → `/tiles/{layer}.json`.
 */
export function toOpenApiPath(honoPath: string): string {
  return honoPath
    .replace(/:file\{[^}]*\\\.json\}/g, '{layer}.json')
    .replace(/:(\w+)\{[^}]*\\\.(\w+)\}/g, '{$1}.$2')
    .replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
}

/** The names of a path template's parameters, in order. */
export const pathParameters = (openApiPath: string) =>
  [...openApiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
