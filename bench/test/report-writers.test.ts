import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileTimestamp, writeReportFiles } from '../report-files.js';
import { markdownTable, renderMarkdown } from '../report-markdown.js';
import { renderSvg, shortNumber } from '../report-svg.js';
import type { SuiteReport } from '../report.js';

const report: SuiteReport = {
  suite: 'gateway',
  startedAt: '2026-12-01T22:30:05.123Z',
  finishedAt: '2026-12-01T22:38:00.000Z',
  command: 'npm run bench -- --suite gateway',
  machine: { cores: 2, cpuModel: 'Test CPU @ 2.0GHz', node: 'v20.19.0' },
  notes: ['A note.'],
  tables: [{ title: 'Rates', columns: ['scenario', 'req/s'], rows: [['a|b', '1,200']] }],
  panels: [
    {
      title: 'requests/s',
      unit: 'req/s',
      groups: [
        {
          label: 'products <c1>',
          bars: [
            { series: 'ours', value: 100 },
            { series: 'stock', value: 50 },
          ],
        },
      ],
    },
  ],
  results: { any: 'thing' },
};

describe('markdown', () => {
  it('writes a GitHub table: header, alignment row (numbers right-aligned), escaped pipes', () => {
    expect(markdownTable(report.tables[0]!)).toBe(
      ['| scenario | req/s |', '| --- | ---: |', '| a\\|b | 1,200 |'].join('\n'),
    );
  });

  it('names the machine and the exact command', () => {
    const text = renderMarkdown(report);
    expect(text).toContain('Machine: 2 cores (nproc), Test CPU @ 2.0GHz, Node v20.19.0.');
    expect(text).toContain('Command: `npm run bench -- --suite gateway`');
    expect(text).toContain('## Rates');
  });
});

describe('svg', () => {
  it('draws one bar per value, the taller for the larger, with escaped labels', () => {
    const svg = renderSvg('gateway <bench>', report.panels);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('gateway &lt;bench&gt;');
    expect(svg).toContain('products &lt;c1&gt;');
    const heights = [
      ...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="9" height="([\d.]+)"/g),
    ].map((m) => Number(m[1]));
    expect(heights).toHaveLength(2);
    expect(heights[0]).toBeCloseTo(2 * heights[1]!, 0);
  });

  it('shortens numbers for labels', () => {
    expect(shortNumber(12_345)).toBe('12k');
    expect(shortNumber(1_234)).toBe('1.2k');
    expect(shortNumber(42.4)).toBe('42');
    expect(shortNumber(0.123)).toBe('0.12');
    expect(shortNumber(Number.NaN)).toBe('–');
  });
});

describe('writeReportFiles', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes <suite>-<timestamp>.json, .md and .svg', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-report-test-'));
    expect(fileTimestamp('2026-12-01T22:30:05.123Z')).toBe('2026-12-01T22-30-05Z');
    await writeReportFiles(dir, report);
    expect((await readdir(dir)).sort()).toEqual([
      'gateway-2026-12-01T22-30-05Z.json',
      'gateway-2026-12-01T22-30-05Z.md',
      'gateway-2026-12-01T22-30-05Z.svg',
    ]);
    const json = JSON.parse(await readFile(join(dir, 'gateway-2026-12-01T22-30-05Z.json'), 'utf8'));
    expect(json.results).toEqual({ any: 'thing' });
    expect(json.command).toBe('npm run bench -- --suite gateway');
  });
});
