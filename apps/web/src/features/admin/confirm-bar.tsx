import { useAdminText } from './admin-i18n';

/** An inline "are you sure?" for destructive actions: the question, confirm and cancel. */
export function ConfirmBar({
  text,
  confirmLabel,
  danger = false,
  pending,
  onConfirm,
  onCancel,
}: {
  text: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useAdminText();
  return (
    <div className="admin-confirm">
      <span>{text}</span>
      <button
        type="button"
        className={danger ? 'admin-danger' : 'admin-primary'}
        disabled={pending}
        onClick={onConfirm}
        data-testid="confirm"
      >
        {`${t('yesConfirm')}: ${confirmLabel}`}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </div>
  );
}
