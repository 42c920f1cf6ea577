/**
 * Resident set size of another process, from /proc/<pid>/status (Linux).
 */
import fs from 'node:fs';

/** VmRSS of `pid` in bytes, or undefined when it cannot be read (process gone, not Linux). */
export function readRss(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export interface RssSampler {
  /** Stops sampling; returns the largest RSS seen (bytes) and how many samples were taken. */
  stop(): { peakBytes: number | undefined; samples: number };
}

/** Samples the RSS of `pid` every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  let peak: number | undefined;
  let samples = 0;
  const take = () => {
    const rss = readRss(pid);
    if (rss === undefined) return;
    samples++;
    if (peak === undefined || rss > peak) peak = rss;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakBytes: peak, samples };
    },
  };
}

/** Bytes as decimal megabytes (10^6 bytes: the stricter reading of a goal written in MB). */
export const megabytes = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 1_000_000).toFixed(1)} MB`);
