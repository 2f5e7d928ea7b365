import { graphProblem } from './compute.js';
import { caseEdit, caseSchema } from './schema.js';

// A proposed case (the editable fields) checked as the case editor's routes check a case: the
// module's zod schema, then the steps' graph (no cycle, no unknown predecessor, no repeated id).
// No I/O: the server's workflow and the web form both use it.

export const caseEditChecked = caseEdit.superRefine((doc, ctx) => {
  const whole = caseSchema.safeParse({ id: 'proposed', ...doc });
  if (!whole.success) return;
  const problem = graphProblem(whole.data);
  if (problem) ctx.addIssue({ code: 'custom', path: ['procedures'], message: problem });
});
