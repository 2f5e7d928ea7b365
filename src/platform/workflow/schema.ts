import { z } from 'zod';

// The editorial workflow's shapes (issue #13 item 3), shared with the web app. No I/O here.

export const DRAFT_STATUSES = ['draft', 'submitted', 'changes_requested', 'approved', 'rejected', 'published', 'withdrawn'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
/** Statuses a reviewer still has to act on. */
export const PENDING: DraftStatus[] = ['submitted', 'approved'];

/** The verification marks of the ESCAP data (gov_verification_feedback). */
export const FEEDBACK = ['Correct', 'Not correct'] as const;

export const entityName = z.string().regex(/^[a-z_]{2,60}$/, 'is not a dataset name (e.g. support_programmes)');
export const entryId = z.string().min(1).max(200);
export const draftId = z.string().min(1).max(100);

export const diffRow = z.object({
  field: z.string(),
  before: z.unknown().describe('Published value (null = empty)'),
  after: z.unknown().describe('Proposed value'),
});
export type DiffRow = z.infer<typeof diffRow>;

export const commentRow = z.object({ at: z.string(), author: z.string(), action: z.string(), text: z.string().nullable() });

export const draftRow = z.object({
  id: z.string(),
  entity: z.string(),
  entity_label: z.string().describe('What kind of entry, in English'),
  entity_id: z.string(),
  title: z.string().describe('The entry\'s name'),
  economy: z.string().nullable(),
  status: z.enum(DRAFT_STATUSES),
  author: z.string(),
  reviewer: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  published_at: z.string().nullable(),
  page: z.string().nullable().describe('The public page of the entry (web app path)'),
  /** Whether the published entry changed since the draft was made (it must be redone). */
  stale: z.boolean(),
  diff: z.array(diffRow),
  comments: z.array(commentRow),
});
export type DraftView = z.infer<typeof draftRow>;

export const createDraftBody = z
  .object({
    entity: entityName,
    entity_id: entryId,
    changes: z.record(z.string(), z.unknown()).describe('The fields to change and their new values (null empties a field)'),
    submit: z.boolean().optional().describe('Submit for review at once'),
    comment: z.string().max(2000).optional(),
  })
  .strict();

export const editDraftBody = z.object({ changes: z.record(z.string(), z.unknown()), comment: z.string().max(2000).optional() }).strict();
export const commentBody = z.object({ comment: z.string().trim().max(2000).optional() }).strict();
export const requiredCommentBody = z.object({ comment: z.string().trim().min(1, 'say why (the author reads it)').max(2000) }).strict();

export const draftsQuery = z.object({
  status: z.enum(DRAFT_STATUSES).optional(),
  economy: z.string().regex(/^[A-Z]{3}$/).optional(),
  entity: entityName.optional(),
  entity_id: entryId.optional(),
});

export const verifyBody = z
  .object({
    entity: entityName,
    entity_id: entryId,
    feedback: z.enum(FEEDBACK),
    feedback_full: z.string().trim().max(2000).nullable().optional().describe('What is wrong, in the focal point\'s words'),
    requested_action: z.string().trim().max(2000).nullable().optional().describe('The change asked for'),
    action_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').describe('The date the mark refers to'),
  })
  .strict()
  .refine((b) => b.feedback === 'Correct' || !!b.requested_action, { message: 'A "Not correct" mark needs the requested action', path: ['requested_action'] });
export type VerifyInput = z.infer<typeof verifyBody>;

export const verificationRow = z.object({
  id: z.string(),
  entity: z.string(),
  entity_id: z.string(),
  economy: z.string(),
  feedback: z.enum(FEEDBACK).describe('Correct | Not correct'),
  feedback_full: z.string().nullable(),
  requested_action: z.string().nullable().describe('The change the focal point asked for; empty = none'),
  action_date: z.string().nullable(),
  verifier: z.string(),
  at: z.string(),
  latest: z.boolean().describe('The newest mark of the entry (older ones are history)'),
});
export type Verification = z.infer<typeof verificationRow>;

export const verificationsQuery = z.object({
  entity: entityName.optional(),
  entity_id: entryId.optional(),
  economy: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO3 code such as PER').optional(),
  latest: z.enum(['true', 'false']).optional().describe('true = only the newest mark of each entry'),
});

export const historyRow = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string().describe('update | create | delete | import | draft_submit | draft_approve | draft_reject | draft_request_changes | draft_publish | revert | verify'),
  before: z.string().nullable().describe('The entry before (JSON)'),
  after: z.string().nullable().describe('The entry after (JSON)'),
});

export const revertBody = z.object({ audit_id: z.string().min(1).max(100).describe('The change to undo: the entry goes back to what it was before it'), comment: z.string().max(2000).optional() }).strict();
