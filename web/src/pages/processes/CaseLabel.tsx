import { useTranslation } from 'react-i18next';
import './processes.css';

/** PARTIAL / SYNTHETIC / COMPLETE, as a badge. */
export function CaseLabel({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <span className={`bpa-label bpa-label--${label}`} data-testid={`case-label-${label}`}>
      {t(`processes.label.${label}`)}
    </span>
  );
}

/** The note every view of a PARTIAL or SYNTHETIC case opens with. */
export function CaseLabelNote({ label }: { label: string }) {
  const { t } = useTranslation();
  if (label === 'COMPLETE') return null;
  return (
    <div className={`bpa-note bpa-note--${label}`} role="note" data-testid="case-label-note">
      <CaseLabel label={label} /> {t(`processes.labelNote.${label}`)}
    </div>
  );
}

/** The editor token field (kept for this tab only). */
export function TokenField({ token, onChange, id }: { token: string; onChange: (t: string) => void; id: string }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t('processes.editor.token')}
      </label>
      <input id={id} type="password" autoComplete="off" value={token} onChange={(e) => onChange(e.target.value)} data-testid="editor-token" />
    </div>
  );
}
