/**
 * `qgate iam authz` and `explain` (may X do A on R, and why), and `audit` (the trail, filtered).
 */
import type { Command } from 'commander';
import type { paths } from '#src/client/api-types.js';
import { ok } from '#src/client/client.js';
import { action, outputOf, positiveInt, sub, withOutput, type Ctx, type Opts } from '../command-kit.js';
import { usageError } from '../io.js';
import { printJson, printList } from '../output.js';
import { listServiceIds, listUsers, roleName } from '../listings.js';
import { resolveIdentity, resolveInstance } from '../resolve.js';
import type { Session } from '../session.js';

type AuditPage = paths['/v1/audit/events']['get']['responses'][200]['content']['application/json'];

const RESOURCE_HELP = 'the resource: --instance, or attributes with --attr name=value (repeatable)';

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

async function question(s: Session, subjectRef: string, actionName: string, opts: Opts) {
  const subject = await resolveIdentity(s, subjectRef);
  let resource: { crn?: string; attributes?: Record<string, string> };
  if (opts.instance) {
    resource = { crn: (await resolveInstance(s, opts.instance as string)).crn };
  } else {
    const attributes: Record<string, string> = { accountId: s.accountId };
    for (const pair of (opts.attr as string[] | undefined) ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw usageError(`option '--attr' takes name=value, not '${pair}'`);
      attributes[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    if (opts.service) attributes.serviceName = opts.service as string;
    resource = { attributes };
  }
  return { subject, body: { subject: { attributes: { id: subject.iamId } }, action: actionName, resource } };
}

function withResource(cmd: Command): Command {
  return cmd
    .option('--instance <instance>', 'a service instance (name, GUID or CRN)')
    .option('--service <name>', 'the service name attribute')
    .option('--attr <name=value>', RESOURCE_HELP, collect);
}

/** IAM id → email or service ID name, for the identities the caller may list. */
async function actorNames(s: Session): Promise<Map<string, string>> {
  const [users, sids] = await Promise.all([listUsers(s).catch(() => []), listServiceIds(s).catch(() => [])]);
  return new Map([...users.map((u) => [u.iam_id, u.email] as const), ...sids.map((x) => [x.iam_id, x.name] as const)]);
}

export function registerIamAuthz(iam: Command, ctx: Ctx): void {
  const authz = withResource(sub(iam, 'authz <subject> <action>', 'May this person or service ID take this action on this resource?', [
    'qgate iam authz fatima@example.com quantum-computing.job.delete --instance QR-ml',
    'qgate iam authz ci-pipeline iam-groups.groups.read --attr serviceName=iam-groups',
  ]));
  action(withOutput(authz), async ([subjectRef, actionName], opts) => {
    const s = ctx.session();
    const q = await question(s, subjectRef!, actionName!, opts);
    const res = await ok(s.client.POST('/v2/authz', { body: [q.body] }));
    const d = res.decisions[0]!;
    if (outputOf(opts) === 'json') return printJson(ctx.io, d);
    ctx.io.stdout.write(`${d.permitted ? 'PERMITTED' : 'DENIED'}: ${q.subject.label} ${d.permitted ? 'may' : 'may not'} ${actionName}\n${d.reason}\n`);
    for (const m of d.matched) ctx.io.stdout.write(`  policy ${m.policy_id} grants ${roleName(m.role_id)}${m.access_group_id ? ` through access group ${m.access_group_id}` : ''}\n`);
  });

  const explain = withResource(sub(iam, 'explain <subject> <action>', 'Why a person or service ID may (or may not) take an action, policy by policy', [
    'qgate iam explain ravi@example.com quantum-computing.job.read --instance QR-ml',
  ]));
  action(withOutput(explain), async ([subjectRef, actionName], opts) => {
    const s = ctx.session();
    const q = await question(s, subjectRef!, actionName!, opts);
    const res = await ok(s.client.POST('/v2/authz/explain', { body: q.body }));
    if (outputOf(opts) === 'json') return printJson(ctx.io, res);
    ctx.io.stdout.write(`${res.permitted ? 'PERMITTED' : 'DENIED'}: ${q.subject.label} ${res.permitted ? 'may' : 'may not'} ${actionName}\n${res.reason}\n`);
    if (res.policies.length > 0) {
      ctx.io.stdout.write(`\n${res.policies.map((p) => `${p.grants ? '+' : '-'} policy ${p.policy_id} (${p.via}${p.access_group_id ? ` ${p.access_group_id}` : ''}; roles ${p.roles.map(roleName).join(', ')})\n    ${p.reasons.join('\n    ')}`).join('\n')}\n`);
    }
  });

  const audit = sub(iam, 'audit', 'Read the audit trail, newest first, filtered', [
    'qgate iam audit --action "user-management.*" --limit 20',
    'qgate iam audit --actor fatima@example.com --outcome denied',
    'qgate iam audit --from 2025-01-01T00:00:00Z --output json',
  ])
    .option('--action <action>', 'an action, or a prefix ending in *')
    .option('--actor <who>', 'a person (email or IAM id) or service ID')
    .option('--target <id>', 'the id of the object acted on')
    .option('--outcome <outcome>', 'success, denied or failure')
    .option('--from <time>', 'ISO-8601 time')
    .option('--to <time>', 'ISO-8601 time')
    .option('--limit <n>', 'how many events (default 50)');
  action(withOutput(audit), async (_a, opts) => {
    const s = ctx.session();
    const limit = positiveInt('--limit', opts.limit as string | undefined, 50);
    const outcome = opts.outcome as string | undefined;
    if (outcome && !['success', 'denied', 'failure'].includes(outcome)) throw usageError(`option '--outcome' must be success, denied or failure, not '${outcome}'`);
    for (const t of ['from', 'to'] as const) if (opts[t] && Number.isNaN(Date.parse(opts[t] as string))) throw usageError(`option '--${t}' must be an ISO-8601 time, not '${opts[t]}'`);
    const actor = opts.actor ? (await resolveIdentity(s, opts.actor as string)).iamId : undefined;
    const events: AuditPage['events'] = [];
    let start: string | undefined;
    while (events.length < limit) {
      const page: AuditPage = await ok(s.client.GET('/v1/audit/events', {
        params: {
          query: {
            account_id: s.accountId, limit: Math.min(100, limit - events.length),
            ...(opts.action ? { action: opts.action as string } : {}), ...(actor ? { actor } : {}), ...(opts.target ? { target: opts.target as string } : {}),
            ...(outcome ? { outcome: outcome as 'success' } : {}), ...(opts.from ? { from: opts.from as string } : {}), ...(opts.to ? { to: opts.to as string } : {}),
            ...(start ? { start } : {}),
          },
        },
      }));
      events.push(...page.events);
      if (!page.next) break;
      start = page.next.start;
    }
    // People are shown by email and service IDs by name; the JSON keeps the API's IAM ids.
    const who = outputOf(opts) === 'table' && events.length > 0 ? await actorNames(s) : new Map<string, string>();
    printList(ctx.io, outputOf(opts), events, [
      ['Time', (e) => e.time],
      ['Action', (e) => e.action],
      ['Outcome', (e) => `${e.outcome} ${e.status_code}`],
      ['Actor', (e) => (e.actor.iam_id ? (who.get(e.actor.iam_id) ?? e.actor.iam_id) : e.actor.type)],
      ['Target', (e) => (e.target ? `${e.target.type} ${e.target.id}` : '')],
    ], 'No events match.');
  });
}
