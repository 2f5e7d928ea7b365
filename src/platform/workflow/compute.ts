import type { DiffRow, DraftStatus } from './schema.js';

// Pure parts of the workflow: the diff of a draft against the published entry, and which step
// may follow which.

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields whose proposed value differs from the published one, in the dataset's field order. */
export function diffDocs(fields: readonly string[], base: Record<string, unknown> | null, proposed: Record<string, unknown>): DiffRow[] {
  return fields.filter((f) => !same(base?.[f], proposed[f])).map((f) => ({ field: f, before: base?.[f] ?? null, after: proposed[f] ?? null }));
}

/** Whether the published entry is still the one the draft was made from. */
export function sameDoc(fields: readonly string[], a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (!a || !b) return a === b;
  return fields.every((f) => same(a[f], b[f]));
}

export type Step = 'edit' | 'submit' | 'approve' | 'reject' | 'request_changes' | 'publish' | 'withdraw';

/** From which statuses each step may be taken, and where it leads. */
const STEPS: Record<Step, { from: DraftStatus[]; to: DraftStatus }> = {
  edit: { from: ['draft', 'changes_requested'], to: 'draft' },
  submit: { from: ['draft', 'changes_requested'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted', 'approved'], to: 'rejected' },
  request_changes: { from: ['submitted', 'approved'], to: 'changes_requested' },
  publish: { from: ['approved'], to: 'published' },
  withdraw: { from: ['draft', 'submitted', 'changes_requested'], to: 'withdrawn' },
};

/** The status after `step`, or an error message naming why it may not be taken now. */
export function nextStatus(status: DraftStatus, step: Step): { to: DraftStatus } | { error: string } {
  const s = STEPS[step];
  if (s.from.includes(status)) return { to: s.to };
  return { error: `A draft that is ${status.replace('_', ' ')} cannot be ${PAST[step]} (only one that is ${s.from.map((x) => x.replace('_', ' ')).join(' or ')})` };
}

const PAST: Record<Step, string> = { edit: 'edited', submit: 'submitted', approve: 'approved', reject: 'rejected', request_changes: 'sent back for changes', publish: 'published', withdraw: 'withdrawn' };
