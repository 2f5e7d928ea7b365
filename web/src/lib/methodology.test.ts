import { describe, expect, it } from 'vitest';
import { renderMethodology } from './methodology';
import { methodologyForPath } from './methodology-modules';

describe('methodology rendering', () => {
  it('takes the first heading as the title and renders the formulas and lists', () => {
    const { title, html } = renderMethodology('## Readiness\nScore = `100 × (x − min) / (max − min)`.\n\n1. one\n2. two\n');
    expect(title).toBe('Readiness');
    expect(html).toContain('<code>100 × (x − min) / (max − min)</code>');
    expect(html).toContain('<ol>');
  });

  it('makes the body\'s highest headings h2 under the page\'s h1', () => {
    expect(renderMethodology('## Regulation\nText.\n\n### Coverage gate\nMore.\n\n#### Detail\n').html).toMatch(/<h2>Coverage gate<\/h2>[\s\S]*<h3>Detail<\/h3>/);
    expect(renderMethodology('## Directory\nText.\n\n## Link checking\nMore.\n').html).toContain('<h2>Link checking</h2>');
  });

  it('escapes raw HTML and drops links that have no page in the app, keeping their text', () => {
    const { html } = renderMethodology('## T\n<script>alert(1)</script> see [data formats](data-formats.md), [ESCAP](#escap-measures), [bad](javascript:alert(1)) and [OECD](https://www.oecd.org/).');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('see data formats, ESCAP,');
    expect(html).not.toMatch(/href="javascript/);
    expect(html).toContain('<a href="https://www.oecd.org/" rel="noopener noreferrer" target="_blank">OECD</a>');
  });

  it('knows which module explains a page', () => {
    expect(methodologyForPath('/regulation/PER')).toBe('regulation');
    expect(methodologyForPath('/regulation/digital-stri')).toBe('digital-stri');
    expect(methodologyForPath('/embed/indicators/IT.NET.USER.ZS')).toBe('indicators');
    expect(methodologyForPath('/embed/regulation/PER')).toBe('regulation');
    expect(methodologyForPath('/marketplaces/correlations')).toBe('marketplaces');
    expect(methodologyForPath('/my-economies')).toBe('verification');
    expect(methodologyForPath('/')).toBeNull();
    expect(methodologyForPath('/methodology/regulation')).toBeNull();
  });
});
