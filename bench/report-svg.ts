import type { ChartPanel } from './report.js';

const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd', '#8c564b', '#e377c2'];
const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const panelHeight = 260;
const plotTop = 40;
const plotHeight = 150;
const left = 70;
const barWidth = 10;
const groupGap = 14;

/** A short number for an axis or a bar: 1234 → 1.2k. */
export function shortNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 10_000) return `${(value / 1000).toFixed(0)}k`;
  if (Math.abs(value) >= 1_000) return `${(value / 1000).toFixed(1)}k`;
  if (Math.abs(value) >= 10) return value.toFixed(0);
  return value.toFixed(value >= 1 ? 1 : 2);
}

/** Panels of grouped bars, one under the other, with a legend of the series. */
export function renderSvg(title: string, panels: ChartPanel[]): string {
  const series = [
    ...new Set(panels.flatMap((p) => p.groups.flatMap((g) => g.bars.map((b) => b.series)))),
  ];
  const colour = (name: string) => palette[series.indexOf(name) % palette.length]!;
  const widths = panels.map((p) =>
    p.groups.reduce((sum, g) => sum + g.bars.length * barWidth + groupGap, 0),
  );
  const width = Math.max(480, left + Math.max(0, ...widths) + 20);
  const height = 50 + panels.length * panelHeight;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  series.forEach((name, i) => {
    const x = 10 + i * 110;
    out.push(`<rect x="${x}" y="28" width="10" height="10" fill="${colour(name)}"/>`);
    out.push(`<text x="${x + 14}" y="37">${escapeXml(name)}</text>`);
  });
  panels.forEach((panel, p) => {
    const top = 50 + p * panelHeight;
    const max = Math.max(
      0,
      ...panel.groups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite),
    );
    const scale = max > 0 ? plotHeight / max : 0;
    const base = top + plotTop + plotHeight;
    out.push(
      `<text x="10" y="${top + 20}" font-size="12" font-weight="bold">${escapeXml(panel.title)} (${escapeXml(panel.unit)})</text>`,
    );
    out.push(`<line x1="${left}" y1="${base}" x2="${width - 10}" y2="${base}" stroke="#333"/>`);
    out.push(
      `<text x="${left - 4}" y="${top + plotTop + 4}" text-anchor="end">${shortNumber(max)}</text>`,
    );
    out.push(`<text x="${left - 4}" y="${base}" text-anchor="end">0</text>`);
    let x = left + groupGap / 2;
    for (const group of panel.groups) {
      const start = x;
      for (const bar of group.bars) {
        const h = Number.isFinite(bar.value) ? bar.value * scale : 0;
        out.push(
          `<rect x="${x}" y="${(base - h).toFixed(1)}" width="${barWidth - 1}" height="${h.toFixed(1)}" fill="${colour(bar.series)}"><title>${escapeXml(`${group.label} ${bar.series}: ${shortNumber(bar.value)} ${panel.unit}`)}</title></rect>`,
        );
        x += barWidth;
      }
      const mid = (start + x) / 2;
      out.push(
        `<text x="${mid.toFixed(1)}" y="${base + 8}" transform="rotate(45 ${mid.toFixed(1)} ${base + 8})">${escapeXml(group.label)}</text>`,
      );
      x += groupGap;
    }
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
