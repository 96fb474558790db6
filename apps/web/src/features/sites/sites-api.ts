import {
  type KeySiteStatusResponse,
  type SiteGeometry,
  type SiteOfferFeature,
  siteEndpoints,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export const sitesKeys = {
  offers: ['site-offers'] as const,
  keySites: ['key-sites', 'status'] as const,
};

export async function fetchOffers(signal?: AbortSignal): Promise<SiteOfferFeature[]> {
  const body = await callEndpoint(
    siteEndpoints.listSiteOffers,
    { query: { status: 'published' } },
    { signal },
  );
  return body.features;
}

export function fetchKeySiteStatus(signal?: AbortSignal): Promise<KeySiteStatusResponse> {
  return callEndpoint(siteEndpoints.keySiteStatus, { query: {} }, { signal });
}

export interface NewOffer {
  geometry: SiteGeometry;
  properties: Record<string, unknown>;
}

export function publishOffer(offer: NewOffer): Promise<SiteOfferFeature> {
  return callEndpoint(siteEndpoints.createSiteOffer, { body: { type: 'Feature', ...offer } });
}

export function withdrawOffer(id: string, version: number): Promise<SiteOfferFeature> {
  return callEndpoint(siteEndpoints.withdrawSiteOffer, { params: { id } }, { ifMatch: version });
}
