import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../api';
import { layoutSwimlanes, type LaneStep } from '../../charts/swimlane-layout';
import { ChartActions } from '../../components/ChartActions';
import { formatNumber } from '../../lib/format';

const AREA_FILL: Record<string, string> = { BUY: '#e6f0fa', SHIP: '#e8f5ee', PAY: '#fdf1e3' };

/** Words cut into at most `lines` lines of about `width` characters (the full name is the box's title). */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if ((line + ' ' + word).trim().length > width && line) {
      out.push(line);
      line = word;
    } else line = (line + ' ' + word).trim();
  }
  if (line) out.push(line);
  if (out.length > lines) {
    const kept = out.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1].slice(0, width - 1)}…`;
    return kept;
  }
  return out;
}

/**
 * The activity diagram of a case: one swimlane per actor, drawn from the data (layout in
 * charts/swimlane-layout.ts). Downloadable as SVG; the case's label is drawn into the file.
 */
export function Swimlanes({ steps, areas, caseId, label, title, sources }: { steps: LaneStep[]; areas: Map<string, string | null>; caseId: string; label: string; title: string; sources?: readonly Source[] | null }) {
  const { t, i18n } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const layout = useMemo(() => layoutSwimlanes(steps, t('processes.diagram.noActor')), [steps, t]);
  const banner = label === 'COMPLETE' ? '' : ` — ${t(`processes.label.${label}`)}`;
  const headH = 28;
  if (!steps.length) return <p data-testid="swimlanes-empty">{t('processes.diagram.noSteps')}</p>;
  const W = layout.width;
  const H = layout.height + headH;
  return (
    <>
      <div ref={box} className="bpa-scroll" tabIndex={0} role="region" aria-label={t('processes.diagram.scroll')}>
        <svg
          className="bpa-diagram"
          xmlns="http://www.w3.org/2000/svg"
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`sl-title-${caseId}`}
          data-testid="swimlanes"
          fontFamily="system-ui, sans-serif"
        >
          <title id={`sl-title-${caseId}`}>{`${t('processes.diagram.title')}: ${title}${banner}`}</title>
          <text x={8} y={18} fontSize={13} fontWeight={700} fill={label === 'SYNTHETIC' ? '#7a1f1f' : '#1b2733'} data-testid="swimlanes-banner">
            {`${title}${banner}`}
          </text>
          <g transform={`translate(0, ${headH})`}>
            <defs>
              <marker id="bpa-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M 0 0 L 10 5 L 0 10 z" fill="#44515c" />
              </marker>
            </defs>
            {layout.lanes.map((lane, i) => (
              <g key={`lane-${i}`} data-testid="swimlane" data-actor={lane.actor ?? ''}>
                <rect x={0} y={lane.y} width={W} height={lane.height} fill={i % 2 ? '#f7f9fb' : '#ffffff'} stroke="#c9d3dc" />
                <rect x={0} y={lane.y} width={layout.laneLabelWidth} height={lane.height} fill="#eef2f6" stroke="#c9d3dc" />
                {wrap(lane.actor ?? '', 20, 3).map((line, k) => (
                  <text key={k} x={8} y={lane.y + 22 + k * 16} fontSize={12} fontWeight={600} fill="#1b2733">
                    {line}
                  </text>
                ))}
              </g>
            ))}
            {layout.edges.map((e) => (
              <polyline key={`${e.from}-${e.to}`} points={e.points.map((p) => p.join(',')).join(' ')} fill="none" stroke="#44515c" strokeWidth={1.3} markerEnd="url(#bpa-arrow)" />
            ))}
            {layout.start && <circle cx={layout.start.x} cy={layout.start.y} r={8} fill="#1b2733" />}
            {layout.end && (
              <g>
                <circle cx={layout.end.x} cy={layout.end.y} r={10} fill="none" stroke="#1b2733" strokeWidth={2} />
                <circle cx={layout.end.x} cy={layout.end.y} r={6} fill="#1b2733" />
              </g>
            )}
            {layout.markers.map((m) => (
              <g key={`m-${m.id}-${m.y}`}>
                <rect x={m.x} y={m.y} width={m.w} height={m.h} rx={4} fill="#fff" stroke="#5f6b76" strokeDasharray="3 2" />
                <text x={m.x + m.w / 2} y={m.y + 17} fontSize={11} textAnchor="middle" fill="#1b2733">
                  {m.seq}
                </text>
              </g>
            ))}
            {layout.boxes.map((b) => {
              const area = areas.get(b.id) ?? null;
              const unknown = b.days === null;
              return (
                <g key={b.id} data-testid="swimlane-step" data-step={b.id}>
                  <title>{`${b.seq}. ${b.name}`}</title>
                  <rect
                    x={b.x}
                    y={b.y}
                    width={b.w}
                    height={b.h}
                    rx={8}
                    fill={area ? AREA_FILL[area] : '#ffffff'}
                    stroke={b.critical ? '#b3261e' : '#44515c'}
                    strokeWidth={b.critical ? 2.5 : 1.2}
                  />
                  {wrap(`${b.seq}. ${b.name}`, 24, 2).map((line, k) => (
                    <text key={k} x={b.x + 7} y={b.y + 17 + k * 14} fontSize={11} fill="#1b2733">
                      {line}
                    </text>
                  ))}
                  <text x={b.x + 7} y={b.y + b.h - 8} fontSize={11} fontWeight={600} fill={unknown ? '#8a5a00' : '#1b2733'}>
                    {unknown ? t('processes.diagram.timeUnknown') : t('processes.diagram.days', { value: formatNumber(b.days, i18n.language, 1) })}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      {/* SVG and PNG with the title and sources drawn in (the diagram's own banner names the case and its label). */}
      <ChartActions canvas={box} share={{ meta: { title: `${t('processes.diagram.title')}: ${title}${banner}`, subtitle: t('processes.diagram.legend'), sources } }} testid="swimlanes" drawn />
      <p className="bpa-actions small">{t('processes.diagram.legend')}</p>
    </>
  );
}
