/**
 * Entity tags in IBM's `<version>-<md5>` form, derived from a row's version and identity so that
 * any change of version changes the tag.
 */
import crypto from 'node:crypto';

export function entityTag(id: string, version: number): string {
  return `${version}-${crypto.createHash('md5').update(`${id}:${version}`).digest('hex')}`;
}

/**
 * True when an `If-Match` header allows writing the entity: `*`, or a tag equal to the current one
 * (quotes and a weak `W/` prefix tolerated, as the SDK sends them).
 */
export function ifMatchSatisfied(header: string, current: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .some((t) => t === '*' || t === current);
}
