import { type PlanItemKind, planItemKind } from '@hatang/contracts';
import { useState } from 'react';
import { usePlanText } from './plan-i18n';
import { ITEM_COLORS } from './plan-style';
import type { PlanItem } from './plans-api';

/** Items listed at most (a baseline holds the whole register: filter by kind to see the rest). */
const LIST_LIMIT = 200;

/** The draw controls (kind, draw, undo/redo) and the list of the shown version's items. */
export function ItemsView({
  items,
  editable,
  selectedId,
  drawingKind,
  canUndo,
  canRedo,
  onDraw,
  onUndo,
  onRedo,
  onSelect,
}: {
  items: readonly PlanItem[];
  editable: boolean;
  selectedId: string | null;
  drawingKind: PlanItemKind | null;
  canUndo: boolean;
  canRedo: boolean;
  onDraw: (kind: PlanItemKind) => void;
  onUndo: () => void;
  onRedo: () => void;
  onSelect: (item: PlanItem) => void;
}) {
  const { t, label } = usePlanText();
  const [kind, setKind] = useState<PlanItemKind>('tower_area');
  const [filter, setFilter] = useState<PlanItemKind | ''>('');
  const shown = filter ? items.filter((i) => i.properties.kind === filter) : items;
  return (
    <section className="plan-items" data-testid="plan-items">
      {editable ? (
        <div className="plan-draw" data-testid="plan-draw">
          <label className="plan-inline-label">
            {t('chooseKind')}
            <select
              data-testid="draw-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as PlanItemKind)}
            >
              {planItemKind.options.map((k) => (
                <option key={k} value={k}>
                  {label('item', k)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="primary"
            data-testid="draw-start"
            aria-pressed={drawingKind === kind}
            onClick={() => onDraw(kind)}
          >
            {t('startDrawing')}
          </button>
          <button
            type="button"
            data-testid="plan-undo"
            disabled={!canUndo}
            onClick={onUndo}
            title={t('undo')}
          >
            ↶ {t('undo')}
          </button>
          <button
            type="button"
            data-testid="plan-redo"
            disabled={!canRedo}
            onClick={onRedo}
            title={t('redo')}
          >
            ↷ {t('redo')}
          </button>
        </div>
      ) : null}
      <label className="plan-inline-label">
        {t('filterKind')}
        <select value={filter} onChange={(e) => setFilter(e.target.value as PlanItemKind | '')}>
          <option value="">
            {t('allKinds')} ({items.length})
          </option>
          {planItemKind.options.map((k) => {
            const n = items.filter((i) => i.properties.kind === k).length;
            return n ? (
              <option key={k} value={k}>
                {label('item', k)} ({n})
              </option>
            ) : null;
          })}
        </select>
      </label>
      {items.length === 0 ? <p className="plan-hint">{t('noItems')}</p> : null}
      <ul className="plan-item-list" data-testid="plan-item-list">
        {[...shown]
          .sort((a, b) => b.properties.updatedAt.localeCompare(a.properties.updatedAt))
          .slice(0, LIST_LIMIT)
          .map((item) => {
            const p = item.properties;
            const warnings = p.checkResults.length;
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className={item.id === selectedId ? 'plan-item selected' : 'plan-item'}
                  data-testid="plan-item"
                  data-kind={p.kind}
                  data-item-id={item.id}
                  onClick={() => onSelect(item)}
                >
                  <span className="swatch" style={{ background: ITEM_COLORS[p.kind] }} />
                  <span className="plan-item-name">{p.name ?? label('item', p.kind)}</span>
                  <span className="plan-item-meta">
                    {label('item', p.kind)}
                    {p.phase ? ` · ${p.phase}` : ''}
                    {p.sourceTable ? ` · ${t('fromRegister')}` : ''}
                  </span>
                  {warnings ? (
                    <span className="plan-warning-badge" data-testid="item-warnings">
                      ⚠ {t('warnings', { count: warnings })}
                    </span>
                  ) : null}
                </button>
              </li>
            );
          })}
      </ul>
      {shown.length > LIST_LIMIT ? (
        <p className="plan-hint">{t('moreItems', { count: shown.length - LIST_LIMIT })}</p>
      ) : null}
    </section>
  );
}
