import type {
  KeySiteFeature,
  KeySiteFlags,
  KeySiteStatusSummary,
  SiteGeometry,
  SiteOfferFeature,
} from '@hatang/contracts';
import { getJson, sendJson } from '../../lib/api-client';

export type KeySiteWithFlags = Omit<KeySiteFeature, 'properties'> & {
  properties: KeySiteFeature['properties'] & KeySiteFlags;
};

export interface KeySiteStatusResponse {
  type: 'FeatureCollection';
  features: KeySiteWithFlags[];
  summary: KeySiteStatusSummary[];
}

export const sitesKeys = {
  offers: ['site-offers'] as const,
  keySites: ['key-sites', 'status'] as const,
};

export async function fetchOffers(signal?: AbortSignal): Promise<SiteOfferFeature[]> {
  const body = (await getJson('/api/v1/site-offers?status=published', signal)) as {
    features: SiteOfferFeature[];
  };
  return body.features;
}

export async function fetchKeySiteStatus(signal?: AbortSignal): Promise<KeySiteStatusResponse> {
  return (await getJson('/api/v1/key-sites/status', signal)) as KeySiteStatusResponse;
}

export interface NewOffer {
  geometry: SiteGeometry;
  properties: Record<string, unknown>;
}

export async function publishOffer(offer: NewOffer): Promise<SiteOfferFeature> {
  return (await sendJson('POST', '/api/v1/site-offers', { type: 'Feature', ...offer })) as SiteOfferFeature;
}

export async function withdrawOffer(id: string, version: number): Promise<SiteOfferFeature> {
  return (await sendJson('POST', `/api/v1/site-offers/${id}/withdraw`, undefined, {
    ifMatch: version,
  })) as SiteOfferFeature;
}
