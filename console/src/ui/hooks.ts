/**
 * Data loading for screens: one call, its result or error, and a way to load again after a change.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf, session } from '../app/session.js';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loader.current().then(
      (data) => live && setState({ data, loading: false }),
      (err: unknown) => live && setState({ error: messageOf(err), loading: false }),
    );
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export interface Check {
  action: string;
  /** Resource attributes besides the account (serviceName is derived from the action when left out). */
  attributes?: Record<string, string>;
}

/**
 * What the signed-in person may do, asked of the decision point (`POST /v2/authz` about oneself is always allowed).
 * Undefined while the answer is pending: screens keep such buttons disabled. The server refuses anyway.
 */
export function useCan<K extends string>(checks: Record<K, Check>, deps: readonly unknown[] = []): Partial<Record<K, boolean>> {
  const [answers, setAnswers] = useState<Partial<Record<K, boolean>>>({});
  const key = JSON.stringify(checks);
  useEffect(() => {
    const s = session();
    if (!s) return;
    let live = true;
    const names = Object.keys(checks) as K[];
    const questions = names.map((n) => ({
      subject: { attributes: { id: s.me.iamId } },
      action: checks[n].action,
      resource: { attributes: { accountId: s.me.accountId, ...(checks[n].attributes ?? {}) } },
    }));
    s.client.POST('/v2/authz', { body: questions }).then(({ data }) => {
      if (!live || !data) return;
      const out: Partial<Record<K, boolean>> = {};
      names.forEach((n, i) => { out[n] = data.decisions[i]?.permitted === true; });
      setAnswers(out);
    }, () => undefined);
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ...deps]);
  return answers;
}
