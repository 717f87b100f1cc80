import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderMarkdown } from './report-markdown.js';
import { renderSvg } from './report-svg.js';
import type { SuiteReport } from './report.js';

/** `2026-12-01T22-30-05Z`: sortable and safe in a file name. */
export const fileTimestamp = (iso: string) => iso.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');

/** Writes `<suite>-<timestamp>.json`, `.md` and `.svg`; resolves the three paths. */
export async function writeReportFiles(dir: string, report: SuiteReport): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stem = join(dir, `${report.suite}-${fileTimestamp(report.startedAt)}`);
  const files: [string, string][] = [
    [`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`],
    [`${stem}.md`, renderMarkdown(report)],
    [`${stem}.svg`, renderSvg(`${report.suite} benchmark, ${report.startedAt}`, report.panels)],
  ];
  for (const [path, text] of files) await writeFile(path, text);
  return files.map(([path]) => path);
}
