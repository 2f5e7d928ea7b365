// The fields of a support programme a steward may correct, as the edit form shows them; checked
// with the module's own schema (src/modules/support/schema.ts), as the server checks them.
import { GOODS_SCOPES, programmePatch, STAGES, TRUST, YES_PARTIAL_NO } from '../../../../src/modules/support/schema';
import type { FieldSpec } from '../workflow/EntryWorkflow';

export const PROGRAMME_SCHEMA = programmePatch.required({ programme: true });

export const PROGRAMME_FORM: FieldSpec[] = [
  { name: 'programme', label: 'workflow.field.programme', kind: 'text' },
  { name: 'programme_en', label: 'workflow.field.programme_en', kind: 'text' },
  { name: 'agency', label: 'support.col.agency', kind: 'text' },
  { name: 'year_started', label: 'support.col.year', kind: 'number' },
  { name: 'type_text', label: 'support.col.types', kind: 'text' },
  { name: 'target_text', label: 'support.col.targets', kind: 'text' },
  { name: 'cross_border', label: 'support.col.border', kind: 'choice', choices: YES_PARTIAL_NO },
  { name: 'ecommerce_focus', label: 'support.col.ecommerce', kind: 'choice', choices: YES_PARTIAL_NO },
  { name: 'goods_scope', label: 'support.programme.goods', kind: 'choice', choices: GOODS_SCOPES },
  { name: 'stage', label: 'support.programme.stage', kind: 'choice', choices: STAGES },
  { name: 'description', label: 'support.programme.description', kind: 'textarea' },
  { name: 'url', label: 'support.programme.page', kind: 'url' },
  { name: 'source_url', label: 'support.programme.source', kind: 'url' },
  { name: 'source_type', label: 'workflow.field.source_type', kind: 'text' },
  { name: 'as_of', label: 'workflow.field.as_of', kind: 'text' },
  { name: 'trust', label: 'support.col.trust', kind: 'choice', choices: TRUST },
];
