/**
 * The one search box in the header (issue #18 item 2): asset codes, communes, streets, plan
 * items, key sites, permit and request numbers — found by the server, only what the user may see
 * — and coordinates (WGS 84 decimal or DMS, VN-2000 X/Y) read here. An ARIA combobox: arrows move,
 * Enter chooses, Escape closes. On a phone it folds into an icon that opens it over the title.
 */
import { parseCoordinates } from '@hatang/geo/coordinates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Selection } from '../../map/use-map-interactions';
import { SEARCH_KEY, searchRecords } from './search-api';
import { useSearchText } from './search-i18n';
import { moveActive, type SearchOption, searchGroups } from './search-model';
import { useSearchTarget } from './use-search-target';
import './search.css';

/** Milliseconds of quiet typing before asking the server. */
const DEBOUNCE_MS = 250;

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SearchBox({
  map,
  onSelect,
}: {
  map: MapLibreMap | null;
  onSelect: (selection: Selection | null) => void;
}) {
  const { t, lang } = useSearchText();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [listOpen, setListOpen] = useState(false);
  const [expanded, setExpanded] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const coordinate = useMemo(() => parseCoordinates(q), [q]);
  const found = useQuery({
    queryKey: [...SEARCH_KEY, q],
    queryFn: ({ signal }) => searchRecords(q, signal),
    enabled: q.length >= 2 && coordinate === null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const results = q.length >= 2 && coordinate === null ? (found.data ?? []) : [];
  const groups = useMemo(() => searchGroups(coordinate, results, lang), [coordinate, results, lang]);
  const options = useMemo(() => groups.flatMap((g) => g.options), [groups]);
  const target = useSearchTarget(map, onSelect);

  useEffect(() => setActive(-1), [q]);

  const close = () => {
    setListOpen(false);
    setActive(-1);
  };
  const choose = (option: SearchOption) => {
    if (option.type === 'coordinate') target.goToCoordinate(option.coordinate);
    else target.openResult(option.result);
    close();
    setExpanded(false);
    inputRef.current?.blur();
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setListOpen(true);
      setActive((a) => moveActive(a, options.length, e.key === 'ArrowDown' ? 1 : -1));
    } else if (e.key === 'Enter') {
      const option = options[Math.max(active, 0)];
      if (option) {
        e.preventDefault();
        choose(option);
      }
    } else if (e.key === 'Escape') {
      if (listOpen) close();
      else {
        setText('');
        setExpanded(false);
        target.clearMarker();
      }
    }
  };

  const showList = listOpen && q.length >= 2;
  const activeId = active >= 0 ? `${listId}-option-${active}` : undefined;
  let index = -1;
  return (
    <search className={expanded ? 'search-box is-expanded' : 'search-box'} data-testid="search-box">
      <button
        type="button"
        className="search-toggle header-button"
        aria-label={expanded ? t('close') : t('open')}
        aria-expanded={expanded}
        data-testid="search-toggle"
        onClick={() => {
          const next = !expanded;
          setExpanded(next);
          if (next) requestAnimationFrame(() => inputRef.current?.focus());
          else close();
        }}
      >
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          {expanded ? (
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="2" fill="none" />
          ) : (
            <>
              <circle cx="10.5" cy="10.5" r="6.5" stroke="currentColor" strokeWidth="2" fill="none" />
              <path d="M15.5 15.5L21 21" stroke="currentColor" strokeWidth="2" />
            </>
          )}
        </svg>
      </button>
      <div className="search-field">
        <input
          ref={inputRef}
          type="search"
          role="combobox"
          aria-label={t('label')}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          placeholder={t('placeholder')}
          maxLength={200}
          value={text}
          data-testid="search-input"
          onChange={(e) => {
            setText(e.target.value);
            setListOpen(true);
          }}
          onFocus={() => setListOpen(true)}
          onBlur={() => setTimeout(close, 150)}
          onKeyDown={onKeyDown}
        />
        {showList ? (
          <div className="search-results" data-testid="search-results">
            {found.isFetching && options.length === 0 ? (
              <p className="search-note" role="status">
                {t('searching')}
              </p>
            ) : found.isError && coordinate === null ? (
              <p className="search-note" role="alert">
                {t('failed', { message: found.error.message })}
              </p>
            ) : options.length === 0 && !found.isFetching && (found.isFetched || coordinate) ? (
              <p className="search-note" role="status">
                {t('nothing')}
              </p>
            ) : null}
            <div id={listId} role="listbox" aria-label={t('results')}>
              {groups.map((group) => [
                <div key={group.id} className="search-group" role="presentation">
                  {group.title}
                </div>,
                ...group.options.map((option) => {
                  index += 1;
                  const i = index;
                  return (
                    <div
                      key={option.key}
                      id={`${listId}-option-${i}`}
                      role="option"
                      tabIndex={-1}
                      aria-selected={i === active}
                      className={i === active ? 'search-option is-active' : 'search-option'}
                      data-testid="search-option"
                      data-kind={option.type === 'coordinate' ? 'coordinate' : option.result.kind}
                      onMouseDown={(e) => e.preventDefault()}
                      onMouseEnter={() => setActive(i)}
                      onClick={() => choose(option)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') choose(option);
                      }}
                    >
                      <span className="search-option-label">{option.label}</span>
                      <span className="search-option-detail">{option.detail}</span>
                    </div>
                  );
                }),
              ])}
            </div>
          </div>
        ) : null}
      </div>
    </search>
  );
}
