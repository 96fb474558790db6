/**
 * The app's header, always one line: the brand, a button per side panel the user may open (from
 * the panel registry) and the public page, then the notification bell, the user menu and the
 * language switch. The panel buttons that do not fit go into a "More" menu (on a phone, all of
 * them: "☰ Chức năng"), measured from an invisible copy of the row, so any role, language or
 * width keeps every button reachable and nothing overlaps.
 */
import type { SessionUser } from '@hatang/contracts';
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { isAdmin } from '../features/auth/permissions';
import { UserMenu } from '../features/auth/user-menu';
import { NotificationBell } from '../features/colocation/notification-bell';
import { useI18n } from '../lib/i18n';
import { PANELS, type PanelId } from './panel-registry';
import './shell.css';

/** Below this width (px) every panel button is in the menu: a phone. */
const PHONE_MAX_WIDTH = 720;
/** Pixels between buttons in the row (`gap` of .panel-nav-list). */
const GAP_PX = 5;

interface NavItem {
  key: string;
  label: string;
  title: string;
  testId: string;
  pressed: boolean | null;
  /** A panel button, or the link to the public page. */
  action: { panel: PanelId } | { href: string };
}

/** How many of the items (widths in px) fit in `available` px, leaving room for the menu button. */
export function itemsThatFit(widths: readonly number[], available: number, menuButton: number): number {
  const total = widths.reduce((sum, w) => sum + w + GAP_PX, 0);
  if (total <= available) return widths.length;
  let used = menuButton;
  let count = 0;
  for (const w of widths) {
    if (used + w + GAP_PX > available) break;
    used += w + GAP_PX;
    count += 1;
  }
  return count;
}

export function AppHeader(props: {
  user: SessionUser | null;
  sidePanel: PanelId | null;
  onToggle: (panel: PanelId) => void;
  onOpen: (panel: PanelId) => void;
  /** Whether the "More" menu is open (the shell closes it on Escape). */
  menuOpen: boolean;
  onMenuOpen: (open: boolean) => void;
  /** Extra controls between the brand and the panel buttons (the search box). */
  children?: ReactNode;
}) {
  const { t, lang, setLang } = useI18n();
  const { menuOpen, onMenuOpen, sidePanel, onToggle } = props;
  const items: NavItem[] = [
    ...PANELS.filter((p) => p.canUse(props.user)).map((p) => ({
      key: p.id,
      label: p.label(lang),
      title: p.title(lang),
      testId: p.buttonTestId,
      pressed: sidePanel === p.id,
      action: { panel: p.id },
    })),
    {
      key: 'public',
      label: t('publicPage'),
      title: t('publicPageTitle'),
      testId: 'public-page-link',
      pressed: null,
      action: { href: '/cong-khai' },
    },
  ];
  const navRef = useRef<HTMLElement>(null);
  const measureRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(items.length);
  const signature = items.map((i) => i.label).join('|');
  // Measure after every layout change: the copy's buttons give each item's width.
  useLayoutEffect(() => {
    const nav = navRef.current;
    const measure = measureRef.current;
    if (!nav || !measure) return;
    const fit = () => {
      if (window.innerWidth <= PHONE_MAX_WIDTH) return setShown(0);
      const children = [...measure.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
      const toggle = children.pop();
      setShown(
        itemsThatFit(
          children.map((c) => c.offsetWidth),
          nav.clientWidth,
          (toggle?.offsetWidth ?? 0) + GAP_PX,
        ),
      );
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(nav);
    return () => observer.disconnect();
  }, [signature]);
  // A click outside the open menu closes it.
  useEffect(() => {
    if (!menuOpen) return;
    const onDown = (e: PointerEvent) => {
      if (navRef.current && e.target instanceof Node && !navRef.current.contains(e.target)) onMenuOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [menuOpen, onMenuOpen]);

  const render = (item: NavItem) =>
    'href' in item.action ? (
      <a
        key={item.key}
        className="header-button"
        href={item.action.href}
        title={item.title}
        data-testid={item.testId}
      >
        {item.label}
      </a>
    ) : (
      <button
        key={item.key}
        type="button"
        className="header-button"
        data-testid={item.testId}
        aria-pressed={item.pressed ?? undefined}
        title={item.title}
        onClick={() => {
          onMenuOpen(false);
          if ('panel' in item.action) onToggle(item.action.panel);
        }}
      >
        {item.label}
      </button>
    );
  const overflow = items.slice(shown);
  const activeInMenu = overflow.some((i) => i.pressed);
  const menuLabel = shown === 0 ? t('menu') : t('more');
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{t('appTitle')}</h1>
        <p>{t('appSubtitle')}</p>
      </div>
      {props.children}
      <nav ref={navRef} className="panel-nav" aria-label={t('panelsNav')} data-testid="panel-nav">
        <div className="panel-nav-list">
          {items.slice(0, shown).map(render)}
          {overflow.length > 0 ? (
            <button
              type="button"
              className="header-button menu-toggle"
              aria-expanded={menuOpen}
              aria-haspopup="true"
              aria-controls="panel-nav-menu"
              data-active={activeInMenu}
              data-testid="menu-toggle"
              onClick={() => onMenuOpen(!menuOpen)}
            >
              {shown === 0 ? <span aria-hidden="true">☰ </span> : null}
              {menuLabel}
              {shown === 0 ? null : <span aria-hidden="true"> ▾</span>}
            </button>
          ) : null}
        </div>
        {menuOpen && overflow.length > 0 ? (
          <div className="panel-nav-menu" id="panel-nav-menu" data-testid="panel-nav-menu">
            {shown === 0 && props.user ? (
              // A phone: who is signed in, and the administration page, live here rather than in the row.
              <>
                <p className="panel-nav-identity" data-testid="menu-identity">
                  <strong>{props.user.displayName}</strong>
                  <small>{props.user.orgName}</small>
                </p>
                {isAdmin(props.user) ? (
                  <a className="header-button" href="#/admin" data-testid="menu-admin-link">
                    {t('adminPage')}
                  </a>
                ) : null}
              </>
            ) : null}
            {overflow.map(render)}
          </div>
        ) : null}
        {/* Invisible copy of the row, measured to decide what fits (last: the menu button). */}
        <div ref={measureRef} className="panel-nav-measure" aria-hidden="true">
          {items.map((i) => (
            <span key={i.key} className="header-button">
              {i.label}
            </span>
          ))}
          <span className="header-button">{t('more')} ▾</span>
        </div>
      </nav>
      <div className="header-actions">
        <NotificationBell user={props.user} onOpen={() => props.onOpen('colocation')} />
        <UserMenu />
        <button
          type="button"
          className="lang-switch"
          data-testid="language-switch"
          title={t('language')}
          lang={lang === 'vi' ? 'en' : 'vi'}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          <span className="lang-long">{t('switchLanguage')}</span>
          <span className="lang-short">{lang === 'vi' ? 'EN' : 'VI'}</span>
        </button>
      </div>
    </header>
  );
}
