// The activity diagram of a BPA case, laid out from the data (no hand-drawn picture): one
// swimlane per actor, each step a box in its responsible actor's lane and a marker in the lanes
// of the others taking part, columns by dependency depth (steps that can run in parallel share a
// column), arrows along the dependencies, an initial and a final node. Pure: data in, geometry out.

export interface LaneStep {
  id: string;
  seq: number;
  name: string;
  actors: string[];
  /** Effective predecessors (unstated = the previous step). */
  predecessors: string[];
  days: number | null;
  critical: boolean | null;
}

export interface SwimlaneLayout {
  width: number;
  height: number;
  laneLabelWidth: number;
  lanes: { actor: string | null; y: number; height: number }[];
  boxes: { id: string; seq: number; name: string; x: number; y: number; w: number; h: number; column: number; days: number | null; critical: boolean | null }[];
  markers: { id: string; seq: number; x: number; y: number; w: number; h: number }[];
  edges: { from: string; to: string; points: [number, number][] }[];
  start: { x: number; y: number } | null;
  end: { x: number; y: number } | null;
}

export const LANE = { labelWidth: 150, columnWidth: 176, laneHeight: 86, boxWidth: 148, boxHeight: 58, top: 8 };

/** Depth of each step: 0 without predecessors, else 1 + the deepest predecessor. */
export function columnsOf(steps: LaneStep[]): Map<string, number> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const depth = new Map<string, number>();
  const visit = (id: string, trail: Set<string>): number => {
    if (depth.has(id)) return depth.get(id)!;
    if (trail.has(id)) throw new Error(`cycle at ${id}`);
    trail.add(id);
    const preds = byId.get(id)?.predecessors.filter((p) => byId.has(p)) ?? [];
    const d = preds.length ? 1 + Math.max(...preds.map((p) => visit(p, trail))) : 0;
    trail.delete(id);
    depth.set(id, d);
    return d;
  };
  for (const s of steps) visit(s.id, new Set());
  return depth;
}

export function layoutSwimlanes(steps: LaneStep[], noActor: string): SwimlaneLayout {
  const L = LANE;
  const actors: (string | null)[] = [];
  for (const s of steps) for (const a of s.actors.length ? s.actors : [null]) if (!actors.includes(a)) actors.push(a);
  const laneOf = new Map(actors.map((a, i) => [a, i]));
  const col = columnsOf(steps);
  // Two steps in one lane and column (parallel work of one actor) go side by side: widen that column.
  const slots = new Map<string, number>();
  const slotOf = new Map<string, number>();
  for (const s of [...steps].sort((a, b) => a.seq - b.seq)) {
    const key = `${laneOf.get(s.actors[0] ?? null)}:${col.get(s.id)}`;
    slotOf.set(s.id, slots.get(key) ?? 0);
    slots.set(key, (slots.get(key) ?? 0) + 1);
  }
  const columns = steps.length ? Math.max(...col.values()) + 1 : 0;
  const widthOfColumn = Array.from({ length: columns }, (_, c) => Math.max(1, ...[...slots].filter(([k]) => Number(k.split(':')[1]) === c).map(([, n]) => n)));
  const columnX: number[] = [];
  let x = L.labelWidth + 56;
  for (let c = 0; c < columns; c++) {
    columnX.push(x);
    x += widthOfColumn[c] * L.columnWidth;
  }
  const width = x + 56;
  const lanes = actors.map((a, i) => ({ actor: a ?? noActor, y: L.top + i * L.laneHeight, height: L.laneHeight }));
  const boxes = steps.map((s) => {
    const lane = laneOf.get(s.actors[0] ?? null)!;
    return {
      id: s.id,
      seq: s.seq,
      name: s.name,
      x: columnX[col.get(s.id)!] + slotOf.get(s.id)! * L.columnWidth,
      y: L.top + lane * L.laneHeight + (L.laneHeight - L.boxHeight) / 2,
      w: L.boxWidth,
      h: L.boxHeight,
      column: col.get(s.id)!,
      days: s.days,
      critical: s.critical,
    };
  });
  const boxOf = new Map(boxes.map((b) => [b.id, b]));
  const markers = steps.flatMap((s) =>
    s.actors.slice(1).map((a) => {
      const b = boxOf.get(s.id)!;
      const lane = laneOf.get(a)!;
      return { id: s.id, seq: s.seq, x: b.x + (L.boxWidth - 44) / 2, y: L.top + lane * L.laneHeight + (L.laneHeight - 26) / 2, w: 44, h: 26 };
    }),
  );
  const edges = steps.flatMap((s) =>
    s.predecessors
      .filter((p) => boxOf.has(p))
      .map((p) => {
        const a = boxOf.get(p)!;
        const b = boxOf.get(s.id)!;
        const x1 = a.x + a.w;
        const y1 = a.y + a.h / 2;
        const x2 = b.x;
        const y2 = b.y + b.h / 2;
        const mid = x2 - 14;
        return { from: p, to: s.id, points: [[x1, y1], [mid, y1], [mid, y2], [x2, y2]] as [number, number][] };
      }),
  );
  const firsts = boxes.filter((b) => b.column === 0);
  const lasts = new Set(steps.map((s) => s.id));
  for (const s of steps) for (const p of s.predecessors) lasts.delete(p);
  const height = L.top * 2 + actors.length * L.laneHeight;
  const first = firsts[0];
  const lastBoxes = boxes.filter((b) => lasts.has(b.id));
  return {
    width,
    height,
    laneLabelWidth: L.labelWidth,
    lanes,
    boxes,
    markers,
    edges: [
      ...edges,
      ...firsts.map((b) => ({ from: '__start', to: b.id, points: [[L.labelWidth + 24, first.y + first.h / 2], [b.x - 14, first.y + first.h / 2], [b.x - 14, b.y + b.h / 2], [b.x, b.y + b.h / 2]] as [number, number][] })),
      ...lastBoxes.map((b) => ({ from: b.id, to: '__end', points: [[b.x + b.w, b.y + b.h / 2], [width - 36, b.y + b.h / 2]] as [number, number][] })),
    ],
    start: first ? { x: L.labelWidth + 16, y: first.y + first.h / 2 } : null,
    end: lastBoxes.length ? { x: width - 28, y: lastBoxes[0].y + lastBoxes[0].h / 2 } : null,
  };
}
