import { describe, expect, it } from 'vitest';
import type { Source } from '../api';
import { composeChartSvg, exportFilename, sourceLineText, wrapText, type ExportWords } from './export';

const words: ExportWords = {
  sourceLabel: (n) => (n === 1 ? 'Source:' : 'Sources:'),
  sourceUnknown: 'not recorded',
  licence: 'Licence',
  licenceUnknown: 'not stated',
  retrievedOn: (d) => `Retrieved ${d}`,
  retrievedUnknown: 'Retrieved: not stated',
  synthetic: 'Synthetic',
  syntheticNote: 'generated for demonstration, not real observations',
  licencesLine: (l) => `Licences: ${l}`,
};

const wb: Source = {
  id: 'wb-wdi',
  publisher: 'World Bank',
  title: 'World Development Indicators',
  url: 'https://data.worldbank.org',
  license: 'CC BY-4.0',
  retrieved_at: '2025-06',
  synthetic: false,
};
const demo: Source = { id: 'demo', publisher: 'Puente demo generator', title: null, url: null, license: 'CC0-1.0', retrieved_at: null, synthetic: true };
const chart = { svg: '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="300" viewBox="0 0 600 300"><g data-series="PER"><path d="M0,0L10,10"/></g></svg>', width: 600, height: 300 };

function compose(sources: Source[], title = 'Individuals using the Internet (% of population)') {
  return composeChartSvg({ parts: [chart], meta: { title, subtitle: 'Peru, Chile · 2010–2024', sources }, words, pageUrl: 'https://puente.example/indicators/IT.NET.USER.ZS?country=PER~CHL', lang: 'en' });
}

describe('the chart export composer', () => {
  it('draws the title, subtitle, source line, licence, Puente and the page address around the chart', () => {
    const { svg, width, height } = compose([wb]);
    expect(svg).toContain('Individuals using the Internet (% of population)');
    expect(svg).toContain('Peru, Chile · 2010–2024');
    expect(svg).toContain('World Bank — World Development Indicators.');
    expect(svg).toContain('Licence: CC BY-4.0.');
    expect(svg).toContain('Retrieved June 2025');
    expect(svg).toContain('Licences: CC BY-4.0');
    expect(svg).toContain('Puente · https://puente.example/indicators/IT.NET.USER.ZS?country=PER~CHL');
    expect(svg).toContain('data-series="PER"');
    expect(svg).not.toContain('SYNTHETIC');
    expect(width).toBe(632);
    expect(height).toBeGreaterThan(300 + 60);
    // One well-formed document: the chart sits inside, below the header.
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(2);
    expect(svg).toMatch(/<svg x="16" y="\d+(\.\d+)?" xmlns/);
  });

  it('stamps SYNTHETIC on an image with any synthetic source, in the header and on the source', () => {
    const { svg } = compose([wb, demo]);
    expect(svg).toContain('SYNTHETIC — generated for demonstration');
    expect(svg).toContain('[SYNTHETIC] Puente demo generator.');
    expect(svg).toContain('Licences: CC BY-4.0, CC0-1.0');
  });

  it('says a source or licence is missing instead of leaving it out', () => {
    expect(sourceLineText({ title: 'x', sources: [] }, words, 'en')).toBe('Source: not recorded');
    const { svg } = compose([{ ...wb, license: null, retrieved_at: null }]);
    expect(svg).toContain('Licence: not stated.');
    expect(svg).toContain('Retrieved: not stated');
  });

  it('escapes text so a title cannot break the document', () => {
    const { svg } = compose([wb], 'Exports < imports & "more"');
    expect(svg).toContain('Exports &lt; imports &amp; &quot;more&quot;');
    expect(svg).not.toContain('<imports');
  });

  it('wraps long lines within the width, CJK text included', () => {
    const lines = wrapText('Sources: World Bank — World Development Indicators. Licence: CC BY-4.0. Retrieved June 2025', 200, 11);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Sources: World Bank — World Development Indicators. Licence: CC BY-4.0. Retrieved June 2025');
    const cjk = wrapText('互联网用户占人口的百分比互联网用户占人口的百分比互联网用户占人口的百分比', 120, 12);
    expect(cjk.length).toBeGreaterThan(2);
    expect(cjk.join('')).toBe('互联网用户占人口的百分比互联网用户占人口的百分比互联网用户占人口的百分比');
  });

  it('draws the legend the page shows beside the chart', () => {
    const { svg } = composeChartSvg({
      parts: [chart],
      meta: { title: 'Map', sources: [wb], legendTitle: '%', legend: [{ label: '10–20', color: '#c7e9b4' }, { label: 'No data', color: '#f4f4f4', mark: 'hatch' }] },
      words,
      pageUrl: 'https://puente.example/',
      lang: 'en',
    });
    expect(svg).toContain('fill="#c7e9b4"');
    expect(svg).toMatch(/data-part="legend">No data</);
  });

  it('names the file after the title', () => {
    expect(exportFilename('Índice de preparación: Perú', 'png')).toBe('puente-indice-de-preparacion-peru.png');
    expect(exportFilename('互联网', 'svg')).toBe('puente-chart.svg');
  });
});
