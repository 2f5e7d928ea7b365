// The fields of a directory entry a steward may correct, as the edit form shows them; checked
// with the module's own schema (src/modules/directory/schema.ts), as the server checks them.
import { entryEdit, TRUST } from '../../../../src/modules/directory/schema';
import type { FieldSpec } from '../workflow/EntryWorkflow';

export const ENTRY_SCHEMA = entryEdit;

export const ENTRY_FORM: FieldSpec[] = [
  { name: 'name_local', label: 'workflow.forms.name_local', kind: 'text' },
  { name: 'name_en', label: 'workflow.forms.name_en', kind: 'text' },
  { name: 'official_url', label: 'workflow.forms.official_url', kind: 'url' },
  { name: 'url_evidence', label: 'workflow.forms.url_evidence', kind: 'text' },
  { name: 'source_url', label: 'workflow.forms.source_url', kind: 'url' },
  { name: 'source_type', label: 'workflow.forms.source_type', kind: 'text' },
  { name: 'as_of', label: 'workflow.forms.as_of', kind: 'text' },
  { name: 'trust', label: 'workflow.forms.trust', kind: 'choice', choices: TRUST },
  { name: 'note', label: 'workflow.forms.note', kind: 'textarea' },
];
