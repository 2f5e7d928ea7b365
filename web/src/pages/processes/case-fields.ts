// The fields of a BPA case a steward may correct through the editorial workflow, as the edit form
// shows them: the case's own text fields and its procedures (with their steps) as one JSON field,
// checked with the module's own schema and step-graph check (src/modules/processes/edit-schema.ts),
// as the server checks them.
import { caseEditChecked } from '../../../../src/modules/processes/edit-schema';
import type { FieldSpec } from '../workflow/EntryWorkflow';

export const CASE_SCHEMA = caseEditChecked;

export const CASE_FORM: FieldSpec[] = [
  { name: 'title', label: 'workflow.forms.title', kind: 'text' },
  { name: 'product', label: 'workflow.forms.product', kind: 'text' },
  { name: 'asOf', label: 'workflow.forms.asOf', kind: 'text' },
  { name: 'asOfText', label: 'workflow.forms.asOfText', kind: 'text' },
  { name: 'completeness', label: 'workflow.forms.completeness', kind: 'textarea' },
  { name: 'notes', label: 'workflow.forms.notes', kind: 'textarea' },
  { name: 'procedures', label: 'workflow.forms.procedures', kind: 'json' },
];
