/**
 * How listings are printed: `--output table` (default, for people) or `--output json` (for scripts, which
 * should never parse tables).
 */
import Table from 'cli-table3';
import type { CliIo } from './io.js';
import { usageError } from './io.js';

export type OutputFormat = 'table' | 'json';

export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json'];

export function parseOutput(value: string | undefined): OutputFormat {
  const v = (value ?? 'table').toLowerCase();
  if (v === 'table' || v === 'json') return v;
  throw usageError(`option '--output' must be json or table, not '${value}'`);
}

/** A column: its heading and how to read it from a row. */
export type Column<T> = [heading: string, read: (row: T) => unknown];

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const table = new Table({ head: columns.map(([h]) => h), style: { head: [], border: [] }, wordWrap: false });
  for (const row of rows) table.push(columns.map(([, read]) => cell(read(row))));
  return table.toString();
}

/** Prints a JSON document. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Prints a listing as a table or as the JSON array of its rows. */
export function printList<T>(io: CliIo, format: OutputFormat, rows: readonly T[], columns: readonly Column<T>[], empty = 'Nothing to show.'): void {
  if (format === 'json') return printJson(io, rows);
  io.stdout.write(rows.length === 0 ? `${empty}\n` : `${renderTable(rows, columns)}\n`);
}

/** Prints one object as `key: value` lines, or as JSON. */
export function printObject(io: CliIo, format: OutputFormat, value: Record<string, unknown>, fields?: readonly Column<Record<string, unknown>>[]): void {
  if (format === 'json') return printJson(io, value);
  const pairs = fields ? fields.map(([h, read]) => [h, read(value)] as const) : Object.entries(value);
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  io.stdout.write(pairs.map(([k, v]) => `${`${k}:`.padEnd(width + 2)}${cell(v)}`).join('\n') + '\n');
}
