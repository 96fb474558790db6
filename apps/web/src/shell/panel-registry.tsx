/**
 * The side panels of the app shell, declared once: each panel's id, its header button (label,
 * title, test id), who may open it and how it renders. The header draws its buttons from this list
 * and the shell shows one panel at a time (`sidePanel`), so a new panel is one entry here.
 */
import type { SessionUser } from '@hatang/contracts';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ReactNode } from 'react';
import { analysisText } from '../features/analysis/analysis-i18n';
import { AnalysisPanel } from '../features/analysis/analysis-panel';
import { canCreate } from '../features/auth/permissions';
import { ColocationPanel, canUseColocation } from '../features/colocation/colocation-panel';
import { canUseFtth, FtthPanel } from '../features/ftth/ftth-panel';
import { ImportPanel } from '../features/imports/import-panel';
import { canUsePermits, PermitsPanel } from '../features/permits/permits-panel';
import { PlanPanel } from '../features/plans/plan-panel';
import { SharingPanel } from '../features/sharing/sharing-panel';
import { canUseTasks, TasksPanel } from '../features/tasks/tasks-panel';
import { canUseViolations, ViolationsPanel } from '../features/violations/violations-panel';
import { type Lang, type MessageKey, translate } from '../lib/i18n';
import type { AdminUnitCollection, Organisation } from '../lib/types';

export const PANEL_IDS = [
  'analysis',
  'plan',
  'sharing',
  'permits',
  'violations',
  'tasks',
  'ftth',
  'colocation',
  'import',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export const isPanelId = (value: string | null): value is PanelId =>
  value !== null && (PANEL_IDS as readonly string[]).includes(value);

/** What every panel gets from the shell (each takes the part it needs: `render: (c) => <Panel {...c} />`). */
export interface PanelContext {
  map: MapLibreMap | null;
  user: SessionUser | null;
  organisations: Organisation[] | undefined;
  adminUnits: AdminUnitCollection | undefined;
  /** Whether this panel is the one shown (panels stay mounted so their map layers can tidy up). */
  open: boolean;
  onClose: () => void;
  /** The plan panel's drawing tool owns map clicks while it draws. */
  onDrawingChange: (drawing: boolean) => void;
}

export interface PanelDefinition {
  id: PanelId;
  /** The header button's test id (kept stable for the browser tests). */
  buttonTestId: string;
  label: (lang: Lang) => string;
  title: (lang: Lang) => string;
  /** Who sees the button and may open the panel (the API checks again). */
  canUse: (user: SessionUser | null) => boolean;
  render: (context: PanelContext) => ReactNode;
}

const signedIn = (user: SessionUser | null) => user !== null;
const text = (label: MessageKey, title: MessageKey) => ({
  label: (lang: Lang) => translate(lang, label),
  title: (lang: Lang) => translate(lang, title),
});

export const PANELS: readonly PanelDefinition[] = [
  {
    id: 'analysis',
    buttonTestId: 'analysis-button',
    label: (lang) => analysisText(lang, 'analysis'),
    title: (lang) => analysisText(lang, 'openAnalysis'),
    // Open to visitors too: it invites them to sign in and carries on after.
    canUse: () => true,
    render: (c) => <AnalysisPanel {...c} />,
  },
  {
    id: 'plan',
    buttonTestId: 'plan-button',
    ...text('planButton', 'planButtonTitle'),
    canUse: signedIn,
    render: (c) => <PlanPanel {...c} />,
  },
  {
    id: 'sharing',
    buttonTestId: 'sharing-button',
    ...text('sharingButton', 'sharingButtonTitle'),
    canUse: signedIn,
    render: (c) => <SharingPanel {...c} />,
  },
  {
    id: 'permits',
    buttonTestId: 'permits-button',
    ...text('permitsButton', 'permitsButtonTitle'),
    canUse: canUsePermits,
    render: (c) => <PermitsPanel {...c} />,
  },
  {
    id: 'violations',
    buttonTestId: 'violations-button',
    ...text('violationsButton', 'violationsButtonTitle'),
    canUse: canUseViolations,
    render: (c) => <ViolationsPanel {...c} />,
  },
  {
    id: 'tasks',
    buttonTestId: 'tasks-button',
    ...text('tasksButton', 'tasksButtonTitle'),
    canUse: canUseTasks,
    render: (c) => <TasksPanel {...c} />,
  },
  {
    id: 'ftth',
    buttonTestId: 'ftth-button',
    ...text('ftthButton', 'ftthButtonTitle'),
    canUse: canUseFtth,
    render: (c) => <FtthPanel {...c} />,
  },
  {
    id: 'colocation',
    buttonTestId: 'colocation-button',
    ...text('colocationButton', 'colocationButtonTitle'),
    canUse: canUseColocation,
    render: (c) => <ColocationPanel {...c} />,
  },
  {
    id: 'import',
    buttonTestId: 'import-button',
    ...text('importButton', 'importButtonTitle'),
    canUse: canCreate,
    render: (c) => <ImportPanel {...c} />,
  },
];
