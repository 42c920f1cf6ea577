/**
 * A list screen's table in its three states: the load's error, a loading line until the first answer, then the
 * rows (or one row saying there are none).
 */
import type { ReactNode } from 'react';
import { Loading, Notice } from './components.js';
import type { Loaded } from './hooks.js';

export function LoadedTable<T>({ loaded, what, caption, columns, actions, empty, rows }: {
  loaded: Loaded<T>;
  /** For the loading line, "Loading <what>…"; none when left out (the screen says it is loading elsewhere). */
  what?: string;
  /** Read by screen readers only. */
  caption?: string;
  columns: string[];
  /** Adds a last column, headed for screen readers only, for each row's ⋮ menu. */
  actions?: boolean;
  /** Shown as the only row when `rows` gives none. */
  empty: ReactNode;
  /** The table's rows (each `<tr>` with its key). */
  rows: (data: T) => ReactNode[];
}) {
  const body = loaded.data === undefined ? undefined : rows(loaded.data);
  return (
    <>
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      {what && loaded.loading && !loaded.data ? <Loading what={what} /> : null}
      {body ? (
        <table className="data-table">
          {caption ? <caption className="visually-hidden">{caption}</caption> : null}
          <thead>
            <tr>
              {columns.map((c) => <th key={c} scope="col">{c}</th>)}
              {actions ? <th scope="col"><span className="visually-hidden">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {body}
            {body.length === 0 ? <tr><td colSpan={columns.length + (actions ? 1 : 0)}>{empty}</td></tr> : null}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
