/**
 * A form's submission: busy while it runs (its button stays disabled) and the refusal's message when it fails.
 * Kept apart from hooks.ts because the sign-in page, part of the first load, uses it.
 */
import { useState } from 'react';
import { messageOf } from '../app/session.js';

export interface Submission {
  busy: boolean;
  error: string | undefined;
  /** For the form's own complaints, found before anything is sent. */
  setError: (message: string | undefined) => void;
  /** Runs `action`, clearing the last error first and keeping the new one if it throws. */
  run: (action: () => Promise<void>) => Promise<void>;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
