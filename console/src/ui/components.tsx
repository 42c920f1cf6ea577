/**
 * The console's building blocks: page header, notices, modal dialogs (native <dialog>: focus stays inside and
 * Escape closes), overflow ⋮ menus, a pager and form fields with labels.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export function PageHeader({ title, breadcrumb, actions }: { title: ReactNode; breadcrumb?: ReactNode; actions?: ReactNode }) {
  useEffect(() => {
    if (typeof title === 'string') document.title = `${title} – qgate`;
  }, [title]);
  return (
    <header className="page-header">
      {breadcrumb ? <nav aria-label="Breadcrumb" className="breadcrumb">{breadcrumb}</nav> : null}
      <div className="page-header-row">
        <h1>{title}</h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
    </header>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'error' | 'success' | 'warning'; children: ReactNode }) {
  return <div className={`notice notice-${kind}`} role={kind === 'error' || kind === 'warning' ? 'alert' : 'status'}>{children}</div>;
}

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status">Loading {what}…</p>;
}

export function Modal({ title, open, onClose, children, footer, wide }: {
  title: string; open: boolean; onClose: () => void; children: ReactNode; footer?: ReactNode; wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      // Start in the first field rather than on the header's × (the browser's choice); focus returns to the
      // opener when the dialog closes.
      d.querySelector<HTMLElement>('.modal-body :is(input, select, textarea):not([disabled]):not([type=hidden])')?.focus();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open ? (
        <>
          <div className="modal-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>×</button>
          </div>
          <div className="modal-body">{children}</div>
          {footer ? <div className="modal-footer">{footer}</div> : null}
        </>
      ) : null}
    </dialog>
  );
}

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
  disabled?: boolean;
}

/** The ⋮ menu: a button that opens a list of actions, operable by keyboard (arrows, Escape). */
export function OverflowMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const first = root.current?.querySelector<HTMLButtonElement>('[role=menuitem]:not([disabled])');
    first?.focus();
    const away = (e: PointerEvent) => { if (!root.current?.contains(e.target as Node)) setOpen(false); };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const entries = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]:not([disabled])') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape') { setOpen(false); button.current?.focus(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); entries[(at + 1) % entries.length]?.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); entries[(at - 1 + entries.length) % entries.length]?.focus(); }
  };
  return (
    <div className="overflow" ref={root} onKeyDown={onKeyDown}
      onBlur={(e) => { if (open && !root.current?.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
      <button ref={button} type="button" className="icon-button overflow-button" aria-label={label} aria-haspopup="menu" aria-expanded={open} aria-controls={open ? menuId : undefined} onClick={() => setOpen((o) => !o)}>
        <span aria-hidden="true">⋮</span>
      </button>
      {open ? (
        <div id={menuId} role="menu" className="overflow-menu" aria-label={label}>
          {items.map((item) => (
            <button key={item.label} type="button" role="menuitem" className={item.danger ? 'danger' : undefined} disabled={item.disabled}
              onClick={() => {
                // Back on the ⋮ button first: a dialog the item opens returns focus there when it closes.
                button.current?.focus();
                setOpen(false);
                item.onSelect();
              }}>
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

/** What a control needs to point at its hint and error (screen readers read both with the control). */
export interface FieldAria { 'aria-describedby'?: string; 'aria-invalid'?: true }

/** A labelled control with an optional hint and, beside it, the server's complaint about this field. */
export function Field({ label, children, hint, error }: { label: string; children: (id: string, aria: FieldAria) => ReactNode; hint?: ReactNode; error?: string }) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria: FieldAria = { ...(described ? { 'aria-describedby': described } : {}), ...(error ? { 'aria-invalid': true as const } : {}) };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, aria)}
      {hint ? <p className="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p className="field-error" id={`${id}-error`} role="alert">{error}</p> : null}
    </div>
  );
}

/**
 * Splits a server error between the form's fields: qgate's messages name the field they are about (`field 'x' …`),
 * so a message about one of `fields` goes beside that field and anything else above the form's buttons.
 */
export function errorByField<F extends string>(message: string | undefined, fields: readonly F[]): { field?: F; message?: string } {
  if (!message) return {};
  const named = /field '([^'.]+)/.exec(message)?.[1];
  const field = fields.find((f) => f === named);
  return field ? { field, message } : { message };
}

/** Copies a value to the clipboard and says so (for a screen reader too). */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  };
  return (
    <>
      <button type="button" className="button ghost small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}<span className="visually-hidden"> {what}</span>
      </button>
      <span className="visually-hidden" role="status">{copied ? `Copied ${what} to the clipboard` : ''}</span>
    </>
  );
}

export function Pager({ page, hasNext, onPrevious, onNext, summary }: { page: number; hasNext: boolean; onPrevious: () => void; onNext: () => void; summary?: string }) {
  return (
    <nav className="pager" aria-label="Pages">
      <span>{summary ?? `Page ${page + 1}`}</span>
      <button type="button" className="button ghost" disabled={page === 0} onClick={onPrevious}>Previous page</button>
      <button type="button" className="button ghost" disabled={!hasNext} onClick={onNext}>Next page</button>
    </nav>
  );
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Confirms a destructive action in a dialog; the action's error is shown in the dialog. */
export function ConfirmDialog({ title, body, confirmLabel, open, onClose, onConfirm }: {
  title: string; body: ReactNode; confirmLabel: string; open: boolean; onClose: () => void; onConfirm: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={title} open={open} onClose={onClose} footer={
      <>
        <button type="button" className="button secondary" onClick={onClose}>Cancel</button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void confirm()}>{confirmLabel}</button>
      </>
    }>
      {body}
      {error ? <Notice kind="error">{error}</Notice> : null}
    </Modal>
  );
}
