import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useAdminText } from './admin-i18n';

export type ToastKind = 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

type Notify = (kind: ToastKind, text: string) => void;
const ToastContext = createContext<Notify | null>(null);

/** Success messages fade after a few seconds; errors stay until dismissed. */
const SUCCESS_MS = 6000;

/** Holds the page's messages and shows them in a live region, so screen readers announce them. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useAdminText();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const notify = useCallback<Notify>(
    (kind, text) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-4), { id, kind, text }]);
      if (kind === 'success') setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="admin-toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`admin-toast admin-toast-${toast.kind}`}
            role={toast.kind === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${toast.kind}`}
          >
            <span>{toast.text}</span>
            <button type="button" onClick={() => dismiss(toast.id)} aria-label={t('dismiss')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useNotify(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useNotify must be used inside <ToastProvider>');
  return notify;
}
