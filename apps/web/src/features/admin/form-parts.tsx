import { ROLES, type Role } from '@hatang/contracts';
import { useAdminText } from './admin-i18n';

/** A field's problem, tied to its input by `aria-describedby={id}`. Renders nothing without one. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span className="admin-field-error" id={id} data-testid={`error-${id}`}>
      {message}
    </span>
  );
}

/** Props that mark an input invalid and point it at its error text. */
export const invalidProps = (id: string, message: string | undefined) =>
  message ? { 'aria-invalid': true, 'aria-describedby': id } : {};

/** The form-wide problem (network, permission, "see the marked fields"). */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="admin-form-error" role="alert">
      {message}
    </p>
  );
}

/** One checkbox per role, labelled in the UI language. */
export function RoleCheckboxes({
  idPrefix,
  value,
  onChange,
  error,
}: {
  idPrefix: string;
  value: readonly Role[];
  onChange: (roles: Role[]) => void;
  error: string | undefined;
}) {
  const { t, roleLabel } = useAdminText();
  const errorId = `${idPrefix}-roles-error`;
  return (
    <fieldset className="admin-roles" {...invalidProps(errorId, error)}>
      <legend>{t('roles')}</legend>
      {ROLES.map((role) => (
        <label key={role}>
          <input
            type="checkbox"
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(e) => onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))}
          />
          {roleLabel(role)}
        </label>
      ))}
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
