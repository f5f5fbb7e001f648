// An SQL run's tables as the session shares them (docs/protocol.md, "SQL results"), checked and cut on
// the page's thread whatever the SQL worker sent: at most 1,000 rows a statement, and all tables within
// the 10 KB output limit by the server's measure (Limits.TablesFit): every column name and cell as
// UTF-8, NULL for a null cell, plus one byte after each. And their text form, the run's `output`, for
// clients that read only the SPEC's fields.
import { MAX_OUTPUT_BYTES, utf8Bytes } from './output.mjs';

export const MAX_TABLE_ROWS = 1000;
const MAX_TABLES = 1000;

const size = text => utf8Bytes(text) + 1;
const cellOf = value => value === null ? null : typeof value === 'string' ? value.toWellFormed() : undefined;

/** The tables within the limits, rebuilt from what the worker sent (anything malformed left out); and how many did not fit. */
export function fitTables(sent, omitted = 0) {
  const tables = [];
  let left = MAX_OUTPUT_BYTES;
  let dropped = (Number.isSafeInteger(omitted) && omitted > 0 ? omitted : 0)
    + (Array.isArray(sent) ? Math.max(0, sent.length - MAX_TABLES) : 0);
  for (const table of Array.isArray(sent) ? sent.slice(0, MAX_TABLES) : []) {
    const columns = Array.isArray(table?.columns) && table.columns.length > 0 && table.columns.every(name => typeof name === 'string')
      ? table.columns.map(name => name.toWellFormed()) : null;
    const header = columns?.reduce((bytes, name) => bytes + size(name), 0) ?? Infinity;
    if (header > left) {
      dropped++;
      continue;
    }
    left -= header;
    const rows = [];
    for (const row of Array.isArray(table.rows) ? table.rows : []) {
      const cells = Array.isArray(row) && row.length === columns.length ? row.map(cellOf) : null;
      if (!cells || cells.includes(undefined)) continue;
      const bytes = cells.reduce((sum, cell) => sum + size(cell ?? 'NULL'), 0);
      if (rows.length >= MAX_TABLE_ROWS || bytes > left) break;
      left -= bytes;
      rows.push(cells);
    }
    const rowCount = Number.isSafeInteger(table.rowCount) && table.rowCount >= rows.length ? table.rowCount : rows.length;
    const line = Number.isSafeInteger(table.line) && table.line >= 1 ? table.line : null;
    tables.push({ columns, rows, rowCount, line });
  }
  return { tables, omitted: dropped };
}

const count = (n, one, many) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The tables as text: the columns and each row joined by " | ", the row count (and what was cut) after
 * each, a blank line between; how many results did not fit at all, if any, before them.
 */
export function textOf(tables, omitted = 0) {
  const parts = tables.map(({ columns, rows, rowCount }) => [
    columns.join(' | '),
    ...rows.map(row => row.map(cell => cell ?? 'NULL').join(' | ')),
    rows.length < rowCount ? `(showing ${rows.length.toLocaleString('en-US')} of ${count(rowCount, 'row', 'rows')})` : `(${count(rowCount, 'row', 'rows')})`,
  ].join('\n'));
  // First, so that cutting the text at the output limit cannot cut it away.
  if (omitted > 0) parts.unshift(`(${count(omitted, 'more result', 'more results')} not shown: the output limit is reached)`);
  return parts.join('\n\n');
}
