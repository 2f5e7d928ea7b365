import { describe, expect, it } from 'vitest';
import { formatEdits, fullCategory, parseEdits, shortCategory, withEdit } from './regulation-view';

describe('regulation view helpers', () => {
  it('round-trips the edit grammar in framework order', () => {
    const e = parseEdits('12.5:12.5.c~6.1:b~bad~4.4:a');
    expect([...e.entries()]).toEqual([
      ['12.5', 'c'],
      ['6.1', 'b'],
      ['4.4', 'a'],
    ]);
    expect(formatEdits(e, ['4.4', '6.1', '12.5'])).toBe('4.4:a~6.1:b~12.5:c');
    expect(formatEdits(new Map())).toBeNull();
  });
  it('removes an edit that restores the current answer', () => {
    const e = withEdit(new Map([['12.5', 'b']]), '12.5', '12.5.c', '12.5.c');
    expect(e.size).toBe(0);
    expect(withEdit(e, '12.10', '12.10.a', null).get('12.10')).toBe('a');
  });
  it('converts category ids', () => {
    expect(shortCategory('12.4.2', '12.4.2.a')).toBe('a');
    expect(fullCategory('12.4.2', 'a')).toBe('12.4.2.a');
  });
});
