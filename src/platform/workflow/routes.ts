import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { listAudit, writeAudit, type Actor } from '../audit.js';
import { hasRole, mayPropose, mayVerify, principalOf, type Principal } from '../auth/principal.js';
import type { Api, Env } from '../http/api.js';
import { ApiError } from '../http/errors.js';
import { diffDocs, nextStatus, sameDoc, type Step } from './compute.js';
import type { EditableDataset } from './dataset.js';
import {
  commentBody,
  createDraftBody,
  draftId,
  draftRow,
  draftsQuery,
  editDraftBody,
  entityName,
  entryId,
  historyRow,
  PENDING,
  requiredCommentBody,
  revertBody,
  verificationRow,
  verificationsQuery,
  verifyBody,
  type DraftView,
} from './schema.js';
import { addComment, commentsOf, getDraft, insertDraft, insertVerification, listDrafts, listVerifications, updateDraft, type StoredDraft } from './store.js';

// The editorial workflow's routes (issue #13 item 3): drafts with a diff against the published
// entry, review (approve, reject, ask for changes), publish through the module's own store, the
// history of an entry with revert, and the government verification marks.

const tag = 'workflow';

function parseOrThrow<S extends z.ZodTypeAny>(schema: S, value: unknown, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new ApiError(400, `Bad ${where}: ${errors.join('; ')}`, errors);
}

export function workflowRoutes(api: Api, datasets: EditableDataset[]): void {
  const byEntity = new Map(datasets.map((d) => [d.entity, d]));
  const db = () => api.ctx.db.kysely;
  const now = () => api.ctx.clock().toISOString();
  const who = (p: Principal): Actor => ({ actor: p.name, at: now() });
  const me = (c: Context<Env>) => principalOf(c)!;

  function dataset(entity: string): EditableDataset {
    const d = byEntity.get(entity);
    if (!d) throw new ApiError(400, `entity: "${entity}" is not an editable dataset (${[...byEntity.keys()].join(', ')})`);
    return d;
  }

  async function published(d: EditableDataset, id: string): Promise<Record<string, unknown>> {
    const doc = await d.load(db(), id);
    if (!doc) throw new ApiError(404, `No ${d.label} "${id}"`);
    return doc;
  }

  /** The proposed entry: the published one with the changes, checked with the module's schema. */
  function propose(d: EditableDataset, base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
    const unknown = Object.keys(changes).filter((k) => !d.fields.includes(k));
    if (unknown.length) throw new ApiError(400, `changes: ${unknown.map((k) => `"${k}"`).join(', ')} cannot be edited in a ${d.label} (editable: ${d.fields.join(', ')})`, unknown.map((k) => `changes.${k}: not an editable field`));
    const merged = Object.fromEntries(d.fields.map((f) => [f, f in changes ? changes[f] : (base[f] ?? null)]));
    return parseOrThrow(d.schema, merged, 'changes') as Record<string, unknown>;
  }

  async function view(drafts: StoredDraft[]): Promise<DraftView[]> {
    const comments = await commentsOf(db(), drafts.map((x) => x.id));
    const out: DraftView[] = [];
    for (const x of drafts) {
      const d = byEntity.get(x.entity);
      const fields = d?.fields ?? Object.keys(x.proposed);
      const current = d && ['draft', 'submitted', 'changes_requested', 'approved'].includes(x.status) ? await d.load(db(), x.entity_id) : x.base;
      out.push({
        id: x.id,
        entity: x.entity,
        entity_label: d?.label ?? x.entity,
        entity_id: x.entity_id,
        title: d && x.base ? d.titleOf(x.base) : x.entity_id,
        economy: x.economy,
        status: x.status,
        author: x.author,
        reviewer: x.reviewer,
        created_at: x.created_at,
        updated_at: x.updated_at,
        published_at: x.published_at,
        page: d?.pageOf?.(x.entity_id) ?? null,
        stale: !sameDoc(fields, current, x.base),
        diff: diffDocs(fields, x.base, x.proposed),
        comments: comments.get(x.id) ?? [],
      });
    }
    return out;
  }

  async function draftOf(c: Context<Env>): Promise<StoredDraft> {
    const id = parseOrThrow(draftId, c.req.param('id'), 'path');
    const x = await getDraft(db(), id);
    if (!x) throw new ApiError(404, `No draft "${id}"`);
    return x;
  }

  const isAuthor = (p: Principal, x: StoredDraft) => (p.userId && x.author_id ? p.userId === x.author_id : p.name === x.author);

  /** A reviewer may see every draft; others their own and, for a focal point, their economies'. */
  const maySee = (p: Principal, x: StoredDraft) => hasRole(p, 'reviewer') || isAuthor(p, x) || (x.economy != null && p.roles.includes('focal_point') && p.economies.includes(x.economy));

  /** Take a step: check it may follow, write the status, a comment and an audit row, in one transaction. */
  async function step(c: Context<Env>, s: Step, text: string | undefined, extra?: (tx: Kysely<any>, x: StoredDraft) => Promise<void>) {
    const p = me(c);
    const x = await draftOf(c);
    const next = nextStatus(x.status, s);
    if ('error' in next) throw new ApiError(409, next.error);
    const reviewing = s === 'approve' || s === 'reject' || s === 'request_changes' || s === 'publish';
    if (reviewing && isAuthor(p, x) && !p.roles.includes('admin')) throw new ApiError(403, 'A reviewer cannot review their own draft: another reviewer must');
    if (!reviewing && !isAuthor(p, x)) throw new ApiError(403, `Only the author of the draft (${x.author}) may ${s} it`);
    const at = now();
    await db()
      .transaction()
      .execute(async (tx) => {
        await extra?.(tx, x);
        await updateDraft(tx, x.id, { status: next.to, at, ...(reviewing ? { reviewer: p.name } : {}), published: s === 'publish' });
        await addComment(tx, { draftId: x.id, at, author: p.name, action: s, text });
        await writeAudit(tx, { actor: p.name, at }, { action: `draft_${s}`, entity: x.entity, entityId: x.entity_id, before: x.base, after: { draft: x.id, status: next.to, proposed: x.proposed, comment: text ?? null } });
      });
    const [out] = await view([(await getDraft(db(), x.id))!]);
    return { draft: out };
  }

  const draftResponse = z.object({ ok: z.literal(true), draft: draftRow });
  const roleDoc = 'Signed-in account or personal token.';

  api.json({
    method: 'post',
    path: '/api/-/drafts',
    tag,
    summary: 'Propose a change to an entry: a draft with its diff against the published entry',
    description: `${roleDoc} Contributors, reviewers and admins for any economy; a focal point for their own economies only (403 otherwise). \`submit: true\` submits it for review at once. The published entry does not change until a reviewer publishes.`,
    body: createDraftBody,
    auth: 'contributor|focal_point|reviewer',
    response: draftResponse,
    async handler(c, body) {
      const p = me(c);
      const d = dataset(body.entity);
      const base = await published(d, body.entity_id);
      const economy = d.economyOf(base);
      if (!mayPropose(p, economy)) throw new ApiError(403, `${p.name} may not propose changes to ${economy ?? 'this'} entries (a focal point answers for ${p.economies.join(', ') || 'no economy'})`);
      const proposed = propose(d, base, body.changes);
      if (!diffDocs(d.fields, base, proposed).length) throw new ApiError(400, 'changes: nothing differs from the published entry');
      const at = now();
      const status = body.submit ? 'submitted' : 'draft';
      const x = await db()
        .transaction()
        .execute(async (tx) => {
          const x = await insertDraft(tx, { entity: d.entity, entity_id: body.entity_id, economy, base, proposed, status, author: p.name, author_id: p.userId, created_at: at });
          await addComment(tx, { draftId: x.id, at, author: p.name, action: body.submit ? 'submit' : 'create', text: body.comment });
          if (body.submit) await writeAudit(tx, { actor: p.name, at }, { action: 'draft_submit', entity: d.entity, entityId: body.entity_id, before: base, after: { draft: x.id, status, proposed, comment: body.comment ?? null } });
          return x;
        });
      const [out] = await view([x]);
      return { draft: out };
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/drafts',
    tag,
    summary: 'Drafts you may see: a reviewer all of them; others their own and their economies\'',
    description: `${roleDoc} Filters \`status=\`, \`economy=\`, \`entity=\`, \`entity_id=\`. Newest change first.`,
    auth: 'contributor|focal_point|reviewer',
    response: z.object({ ok: z.literal(true), rows: z.array(draftRow) }),
    async handler(c) {
      const p = me(c);
      const q = parseOrThrow(draftsQuery, Object.fromEntries(new URL(c.req.url).searchParams), 'query');
      const rows = (await listDrafts(db(), { statuses: q.status ? [q.status] : undefined, economy: q.economy, entity: q.entity, entityId: q.entity_id })).filter((x) => maySee(p, x));
      return { rows: await view(rows) };
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/review-queue',
    tag,
    summary: 'The review queue: drafts submitted or approved and not yet published, oldest first',
    description: `${roleDoc} Reviewers.`,
    auth: 'reviewer',
    response: z.object({ ok: z.literal(true), rows: z.array(draftRow) }),
    async handler() {
      const rows = (await listDrafts(db(), { statuses: PENDING })).reverse();
      return { rows: await view(rows) };
    },
  });

  api.json({
    method: 'get',
    path: '/api/-/drafts/{id}',
    tag,
    summary: 'One draft with its diff and comments',
    params: z.object({ id: draftId }),
    auth: 'contributor|focal_point|reviewer',
    response: draftResponse,
    async handler(c) {
      const x = await draftOf(c);
      if (!maySee(me(c), x)) throw new ApiError(403, 'This draft is neither yours nor of your economies');
      const [out] = await view([x]);
      return { draft: out };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/drafts/{id}',
    tag,
    summary: 'Change a draft (its author, while it is a draft or sent back for changes)',
    params: z.object({ id: draftId }),
    body: editDraftBody,
    auth: 'contributor|focal_point|reviewer',
    response: draftResponse,
    async handler(c, body) {
      const p = me(c);
      const x = await draftOf(c);
      const d = dataset(x.entity);
      if (!isAuthor(p, x)) throw new ApiError(403, `Only the author of the draft (${x.author}) may change it`);
      const next = nextStatus(x.status, 'edit');
      if ('error' in next) throw new ApiError(409, next.error);
      const proposed = propose(d, { ...(x.base ?? {}), ...x.proposed }, body.changes);
      const at = now();
      await db()
        .transaction()
        .execute(async (tx) => {
          await updateDraft(tx, x.id, { proposed, status: next.to, at });
          if (body.comment) await addComment(tx, { draftId: x.id, at, author: p.name, action: 'comment', text: body.comment });
        });
      const [out] = await view([(await getDraft(db(), x.id))!]);
      return { draft: out };
    },
  });

  const stepRoute = (s: Step, path: string, summary: string, auth: string, body: typeof commentBody | typeof requiredCommentBody, description: string, extra?: (tx: Kysely<any>, x: StoredDraft, c: Context<Env>) => Promise<void>) =>
    api.json({
      method: 'post',
      path: `/api/-/drafts/{id}/${path}`,
      tag,
      summary,
      description: `${roleDoc} ${description} 409 when the draft is not in a status this step follows.`,
      params: z.object({ id: draftId }),
      body,
      auth,
      response: draftResponse,
      async handler(c, b) {
        return step(c, s, b.comment, extra ? (tx, x) => extra(tx, x, c) : undefined);
      },
    });

  stepRoute('submit', 'submit', 'Submit a draft for review', 'contributor|focal_point|reviewer', commentBody, 'Its author.');
  stepRoute('withdraw', 'withdraw', 'Withdraw a draft not yet approved', 'contributor|focal_point|reviewer', commentBody, 'Its author.');
  stepRoute('approve', 'approve', 'Approve a submitted draft (publishing is the next step)', 'reviewer', commentBody, 'A reviewer other than the author.');
  stepRoute('reject', 'reject', 'Reject a draft, saying why', 'reviewer', requiredCommentBody, 'A reviewer other than the author; the comment is required.');
  stepRoute('request_changes', 'request-changes', 'Send a draft back to its author for changes, saying which', 'reviewer', requiredCommentBody, 'A reviewer other than the author; the comment is required.');
  stepRoute('publish', 'publish', 'Publish an approved draft: the entry becomes the proposed one', 'reviewer', commentBody, 'Written through the module\'s store in one transaction with the draft\'s status (audit log, data version). 409 when the published entry changed since the draft was made.', async (tx, x, c) => {
    const d = dataset(x.entity);
    const current = await d.load(tx, x.entity_id);
    if (!current) throw new ApiError(409, `The ${d.label} "${x.entity_id}" no longer exists`);
    if (!sameDoc(d.fields, current, x.base)) throw new ApiError(409, `The published ${d.label} changed since this draft was made: ask its author for a new draft`);
    await d.apply(tx, x.entity_id, x.proposed, who(me(c)));
  });

  // ---------------------------------------------------------------- history and revert

  const historyParams = z.object({ entity: entityName, id: entryId });
  api.data({
    path: '/api/-/history/{entity}/{id}',
    tag,
    summary: 'The full history of an entry: every import, edit, workflow step, revert and verification, newest first',
    description: 'From the audit log. `before`/`after` are the entry as JSON.',
    params: historyParams,
    row: historyRow,
    async handler({ params }) {
      const d = dataset(params.entity);
      const rows = await listAudit(db(), { entity: params.entity, entityId: params.id });
      // A deleted entry keeps its history; an id that never was is a 404.
      if (!rows.length && !(await d.load(db(), params.id))) throw new ApiError(404, `No ${d.label} "${params.id}"`);
      return { rows: rows.map((r: any) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, before: r.before ?? null, after: r.after ?? null })), title: `History of ${params.entity} ${params.id}` };
    },
  });

  api.json({
    method: 'post',
    path: '/api/-/history/{entity}/{id}/revert',
    tag,
    summary: 'Revert an entry to what it was before one of its changes',
    description: `${roleDoc} Reviewers. The change (\`audit_id\`, from the history) must be one that wrote the entry (update, revert); the entry is written through the module's store and the revert is in the history.`,
    params: historyParams,
    body: revertBody,
    auth: 'reviewer',
    response: z.object({ ok: z.literal(true), diff: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })) }),
    async handler(c, body) {
      const params = parseOrThrow(historyParams, c.req.param(), 'path');
      const d = dataset(params.entity);
      const current = await published(d, params.id);
      const change = (await listAudit(db(), { entity: d.entity, entityId: params.id })).find((r: any) => r.id === body.audit_id);
      if (!change) throw new ApiError(404, `No change "${body.audit_id}" in the history of ${d.label} "${params.id}"`);
      if (!['update', 'revert'].includes(change.action as string) || !change.before) throw new ApiError(409, `Change ${body.audit_id} (${change.action}) did not write the entry; revert an update`);
      const before = JSON.parse(change.before as string) as Record<string, unknown>;
      const target = parseOrThrow(d.schema, Object.fromEntries(d.fields.map((f) => [f, before[f] ?? null])), 'the entry before that change') as Record<string, unknown>;
      const diff = diffDocs(d.fields, current, target);
      if (!diff.length) throw new ApiError(409, 'The entry already is what it was before that change');
      const p = me(c);
      await db()
        .transaction()
        .execute(async (tx) => {
          await d.apply(tx, params.id, target, who(p));
          await writeAudit(tx, who(p), { action: 'revert', entity: d.entity, entityId: params.id, before: current, after: { ...current, ...target, reverted: body.audit_id, comment: body.comment ?? null } });
        });
      return { diff };
    },
  });

  // ---------------------------------------------------------------- verification

  api.json({
    method: 'post',
    path: '/api/-/verifications',
    tag,
    summary: 'Mark an entry of your economy Correct or Not correct, with the action asked for and the date',
    description: `${roleDoc} A focal point for the entry's economy (403 for another economy), or an admin. The fields of ESCAP's government verification: feedback, the comment, the requested action (needed for "Not correct") and the date.`,
    body: verifyBody,
    auth: 'focal_point',
    response: z.object({ ok: z.literal(true), verification: verificationRow }),
    async handler(c, body) {
      const p = me(c);
      const d = dataset(body.entity);
      const doc = await published(d, body.entity_id);
      const economy = d.economyOf(doc);
      if (!economy || !mayVerify(p, economy)) throw new ApiError(403, `${p.name} may not verify ${economy ?? 'this'} entries (a focal point verifies ${p.economies.join(', ') || 'no economy'})`);
      const at = now();
      const id = await db()
        .transaction()
        .execute(async (tx) => {
          const id = await insertVerification(tx, { ...body, economy, verifier: p.name, at });
          await writeAudit(tx, { actor: p.name, at }, { action: 'verify', entity: d.entity, entityId: body.entity_id, before: null, after: { feedback: body.feedback, feedback_full: body.feedback_full ?? null, requested_action: body.requested_action ?? null, action_date: body.action_date } });
          return id;
        });
      const [verification] = (await listVerifications(db(), { entity: d.entity, entityId: body.entity_id })).filter((v) => v.id === id);
      return { verification };
    },
  });

  api.data({
    path: '/api/-/verifications',
    tag,
    summary: 'Government verification marks: Correct / Not correct per entry, with the action asked for and the date',
    description: 'Newest first; `latest=true` keeps the newest mark of each entry (the status the public pages show). No mark = not verified (not the same as Correct).',
    query: verificationsQuery,
    row: verificationRow,
    async handler({ query }) {
      if (query.entity) dataset(query.entity);
      const rows = await listVerifications(db(), { entity: query.entity, entityId: query.entity_id, economy: query.economy, latest: query.latest === 'true' });
      return { rows, title: 'Government verification marks' };
    },
  });
}
