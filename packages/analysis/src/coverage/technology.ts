/**
 * Radio technologies of the coverage model and the services people see.
 *
 * Tenancies record `2G | 3G | 4G | 5G`; the radius model splits 5G into `5G-sub6` (3.5 GHz n78,
 * what Vietnamese operators deploy) and `5G-mmWave` (26/28 GHz). A tenancy's plain `5G` is
 * `5G-sub6`. A service is what a subscriber gets: `5G` is covered by either 5G technology.
 */
export const TECHNOLOGIES = ['2G', '3G', '4G', '5G-sub6', '5G-mmWave'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

export const SERVICES = ['2G', '3G', '4G', '5G'] as const;
export type Service = (typeof SERVICES)[number];

export const ENVIRONMENTS = ['urban', 'suburban', 'rural'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const TECH_COUNT = TECHNOLOGIES.length;
export const SERVICE_COUNT = SERVICES.length;

/** Index into SERVICES of each technology (by TECHNOLOGIES index). */
export const SERVICE_OF_TECH: readonly number[] = [0, 1, 2, 3, 3];

/** The technology a tenancy's technology string stands for: '5G' → '5G-sub6'; unknown → undefined. */
export function technologyOf(tenancyTechnology: string): Technology | undefined {
  if (tenancyTechnology === '5G') return '5G-sub6';
  return (TECHNOLOGIES as readonly string[]).includes(tenancyTechnology)
    ? (tenancyTechnology as Technology)
    : undefined;
}

export const techIndex = (t: Technology) => TECHNOLOGIES.indexOf(t);
export const serviceIndex = (s: Service) => SERVICES.indexOf(s);

/** The technology a new site or a new tenant installs to provide `service`. */
export function technologyForService(service: Service): Technology {
  return service === '5G' ? '5G-sub6' : service;
}
