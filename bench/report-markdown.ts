import { machineLine } from './machine.js';
import type { ReportTable, SuiteReport } from './report.js';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|');

/** A GitHub Markdown table; columns after the first are right-aligned (they hold numbers). */
export function markdownTable(table: Pick<ReportTable, 'columns' | 'rows'>): string {
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = table.columns.map((_, i) => (i === 0 ? '---' : '---:'));
  return [
    line(table.columns),
    `|${rule.map((r) => ` ${r} `).join('|')}|`,
    ...table.rows.map(line),
  ].join('\n');
}

export function renderMarkdown(report: SuiteReport): string {
  const parts = [
    `# ${report.suite} benchmark, ${report.startedAt}`,
    '',
    `Machine: ${machineLine(report.machine)}.`,
    '',
    `Command: \`${report.command}\``,
  ];
  for (const note of report.notes) parts.push('', note);
  for (const table of report.tables) parts.push('', `## ${table.title}`, '', markdownTable(table));
  return `${parts.join('\n')}\n`;
}
