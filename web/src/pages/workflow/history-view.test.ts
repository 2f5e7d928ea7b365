import { describe, expect, it } from 'vitest';
import { describeChange, type HistoryRow } from './history-view';

const row = (action: string, before: unknown, after: unknown): HistoryRow => ({ id: 'a1', at: '2025-06-01T10:00:00Z', actor: 'Rita', action, before: before === null ? null : JSON.stringify(before), after: after === null ? null : JSON.stringify(after) });

describe('describeChange', () => {
  it('an update: only the fields that changed, without bookkeeping; revertible', () => {
    const c = describeChange(row('update', { id: 'x', name_en: 'Old', note: null, updated_at: '1' }, { id: 'x', name_en: 'New', note: null, updated_at: '2' }));
    expect(c.diff).toEqual([{ field: 'name_en', before: 'Old', after: 'New' }]);
    expect(c.revertible).toBe(true);
  });

  it('a workflow step: the draft\'s proposed fields against the entry, its status and comment; not revertible', () => {
    const c = describeChange(row('draft_submit', { iso3: 'PER', name_en: 'Old', note: 'n' }, { draft: 'd1', status: 'submitted', proposed: { name_en: 'New', note: 'n' }, comment: 'Renamed in 2024' }));
    expect(c.diff).toEqual([{ field: 'name_en', before: 'Old', after: 'New' }]);
    expect(c).toMatchObject({ status: 'submitted', comment: 'Renamed in 2024', revertible: false });
  });

  it('a revert keeps its comment out of the diff; a verification shows its mark and no diff; a create is not revertible', () => {
    const r = describeChange(row('revert', { name_en: 'New' }, { name_en: 'Old', reverted: 'a0', comment: 'Official name' }));
    expect(r.diff).toEqual([{ field: 'name_en', before: 'New', after: 'Old' }]);
    expect(r.comment).toBe('Official name');
    const v = describeChange(row('verify', null, { feedback: 'Not correct', requested_action: 'Update the URL', action_date: '2025-06-01' }));
    expect(v).toMatchObject({ diff: [], feedback: 'Not correct', requestedAction: 'Update the URL', revertible: false });
    expect(describeChange(row('create', null, { name_en: 'X' })).revertible).toBe(false);
    // Unreadable JSON is shown as no diff, not an error.
    expect(describeChange({ ...row('update', null, null), before: '{', after: 'nope' }).diff).toEqual([]);
  });
});
