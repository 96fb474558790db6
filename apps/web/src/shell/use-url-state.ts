/**
 * Keeps the address bar and the view in step (see url-state.ts): at start, the link's map view,
 * panel (once the session says who is signed in, and only if they may open it) and asset are
 * restored; afterwards each change replaces the address (no history entry per pan).
 */
import type { SessionUser } from '@hatang/contracts';
import { useQueryClient } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { assetAnchor, loadAssetSelection } from '../map/open-asset';
import type { Selection } from '../map/use-map-interactions';
import { PANELS, type PanelId } from './panel-registry';
import { parseUrlState, printUrlState, type UrlState } from './url-state';

export function useUrlState(args: {
  map: MapLibreMap | null;
  user: SessionUser | null;
  /** False until the session query has answered (signed in or not). */
  sessionKnown: boolean;
  sidePanel: PanelId | null;
  selection: Selection | null;
  openPanel: (panel: PanelId) => void;
  select: (selection: Selection) => void;
}): void {
  const { map, user, sessionKnown, sidePanel, selection, openPanel, select } = args;
  const queryClient = useQueryClient();
  const [initial] = useState<UrlState>(() => parseUrlState(window.location.search));
  const restored = useRef({ view: false, panel: false, selection: false });

  useEffect(() => {
    if (!map || restored.current.view) return;
    restored.current.view = true;
    if (initial.view) map.jumpTo({ center: initial.view.center, zoom: initial.view.zoom });
  }, [map, initial]);

  useEffect(() => {
    if (!sessionKnown || restored.current.panel) return;
    restored.current.panel = true;
    const panel = PANELS.find((p) => p.id === initial.panel);
    if (panel?.canUse(user)) openPanel(panel.id);
  }, [sessionKnown, user, initial, openPanel]);

  useEffect(() => {
    if (!map || !sessionKnown || restored.current.selection) return;
    restored.current.selection = true;
    const wanted = initial.selection;
    if (!wanted) return;
    let live = true;
    loadAssetSelection(queryClient, wanted.resource, wanted.id)
      .then((next) => {
        if (!live || next?.kind !== 'asset') return;
        select(next);
        const at = assetAnchor(next.feature);
        if (!initial.view && at) map.jumpTo({ center: at, zoom: Math.max(map.getZoom(), 16) });
      })
      // Gone or not the viewer's to see: the link opens the map without it.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [map, sessionKnown, initial, select, queryClient]);

  // Write: the panel, the selected asset and, after each move, the view.
  const [view, setView] = useState<UrlState['view']>(null);
  useEffect(() => {
    if (!map) return;
    const onMove = () => {
      const c = map.getCenter();
      setView({ zoom: map.getZoom(), center: [c.lng, c.lat] });
    };
    map.on('moveend', onMove);
    return () => {
      map.off('moveend', onMove);
    };
  }, [map]);
  const selected =
    selection?.kind === 'asset' && selection.feature.id !== undefined
      ? { resource: selection.group.id, id: String(selection.feature.id) }
      : null;
  const selectedKey = selected ? `${selected.resource}/${selected.id}` : null;
  useEffect(() => {
    // Before the link's own state is restored, writing would erase it.
    if (!restored.current.panel || !restored.current.view) return;
    const [resource, id] = selectedKey ? selectedKey.split('/') : [];
    const next = printUrlState(window.location.search, {
      panel: sidePanel,
      selection: resource && id ? { resource, id } : null,
      view,
    });
    if (next !== window.location.search)
      window.history.replaceState(
        window.history.state,
        '',
        `${window.location.pathname}${next}${window.location.hash}`,
      );
  }, [sidePanel, selectedKey, view]);
}
