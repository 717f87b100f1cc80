import type { Machine } from './machine.js';

/** A table of the Markdown report; cells are already formatted. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface ChartBar {
  series: string;
  value: number;
}

export interface ChartGroup {
  label: string;
  bars: ChartBar[];
}

/** One chart of the SVG: grouped bars on a linear scale from 0. */
export interface ChartPanel {
  title: string;
  unit: string;
  groups: ChartGroup[];
}

/** What every suite hands the report writers. */
export interface SuiteReport {
  suite: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: Machine;
  notes: string[];
  tables: ReportTable[];
  panels: ChartPanel[];
  /** The suite's own figures, for the JSON file. */
  results: unknown;
}
