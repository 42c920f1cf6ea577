/** The source of time; injected so that expiry and throttling can be tested without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export function createManualClock(start = new Date('2026-01-01T00:00:00Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
}

/** IAM Identity's timestamp format: minute precision with `+0000`, e.g. `2026-02-19T18:59+0000`. */
export function identityTime(iso: string | null | undefined): string | undefined {
  if (!iso) return undefined;
  return `${iso.slice(0, 16)}+0000`;
}

/** Parses IAM Identity's `yyyy-MM-ddTHH:mm+0000` (seconds and `Z` tolerated); undefined when malformed. */
export function parseIdentityTime(value: string): Date | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d+)?)?(\+0000|Z)$/.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}${m[2] ?? ':00'}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
