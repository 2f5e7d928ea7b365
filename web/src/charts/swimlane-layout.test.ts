import { describe, expect, it } from 'vitest';
import { columnsOf, layoutSwimlanes, type LaneStep } from './swimlane-layout';

const step = (id: string, seq: number, actors: string[], predecessors: string[]): LaneStep => ({ id, seq, name: id, actors, predecessors, days: 1, critical: null });

describe('swimlane layout', () => {
  const steps = [step('a', 1, ['Seller', 'Platform'], []), step('b', 2, ['Authority'], ['a']), step('c', 3, ['Seller'], ['a']), step('d', 4, ['Courier', 'Customs'], ['b', 'c'])];

  it('one lane per actor, in order of appearance; parallel steps share a column', () => {
    const l = layoutSwimlanes(steps, '?');
    expect(l.lanes.map((x) => x.actor)).toEqual(['Seller', 'Platform', 'Authority', 'Courier', 'Customs']);
    expect(Object.fromEntries([...columnsOf(steps)])).toEqual({ a: 0, b: 1, c: 1, d: 2 });
    const box = Object.fromEntries(l.boxes.map((b) => [b.id, b]));
    expect(box.b.x).toBe(box.c.x);
    expect(box.b.y).not.toBe(box.c.y);
    // participants get a marker in their lane
    expect(l.markers.map((m) => m.id)).toEqual(['a', 'd']);
    // an arrow per dependency, plus start and end
    expect(l.edges.filter((e) => !e.from.startsWith('__') && !e.to.startsWith('__'))).toHaveLength(4);
    expect(l.start).not.toBeNull();
    expect(l.edges.filter((e) => e.to === '__end').map((e) => e.from)).toEqual(['d']);
  });

  it('a step without an actor goes in a lane that says so', () => {
    const l = layoutSwimlanes([step('x', 1, [], [])], 'actor not stated');
    expect(l.lanes.map((x) => x.actor)).toEqual(['actor not stated']);
  });

  it('one actor doing two things at once: side by side, not on top of each other', () => {
    const l = layoutSwimlanes([step('a', 1, ['S'], []), step('b', 2, ['S'], [])], '?');
    expect(l.boxes[0].x).not.toBe(l.boxes[1].x);
  });
});
