// Runs one SQL program on SQLite (sql.js, WebAssembly), then is thrown away like every runner. The page
// starts it ahead as a spare (SQLite loads while nobody waits), sends it the session's text, and
// terminates it when the result comes or after 5 s: a recursive CTE that never ends cannot be stopped
// from inside. Each run starts from an empty in-memory database that the text itself builds, so the
// interviewer's schema and rows and the candidate's queries live in one document.
//
// A classic worker, not a module: sql.js is a UMD script, loaded with importScripts. No user JavaScript
// runs here (SQL cannot call out of SQLite: sql.js registers no function the text could reach), so the
// worker needs no sealing; its Content-Security-Policy (set by the gateway) allows only the gateway's
// scripts and fetching SQLite's .wasm from it.
'use strict';

const MAX_ROWS = 1000;
const MAX_BYTES = 10 * 1024; // the output limit, by the measure of Limits.TablesFit (docs/protocol.md, "SQL results")
const encoder = new TextEncoder();
let SQL = null;

async function load(baseUrl) {
  const started = performance.now();
  importScripts(`${baseUrl}sql-wasm.js`);
  SQL = await self.initSqlJs({ locateFile: file => `${baseUrl}${file}` });
  self.postMessage({ type: 'ready', loadTime: Math.round(performance.now() - started) });
}

const lineAt = (code, offset) => {
  let line = 1;
  for (let at = code.indexOf('\n'); at !== -1 && at < offset; at = code.indexOf('\n', at + 1)) line++;
  return line;
};

// Where the next statement starts in what is left: past blanks and comments, as SQLite skips them.
function skipToStatement(text) {
  let at = 0;
  for (;;) {
    while (at < text.length && ' \t\n\f\r;'.includes(text[at])) at++; // SQLite's own blanks, no others
    if (text.startsWith('--', at)) {
      const end = text.indexOf('\n', at);
      at = end === -1 ? text.length : end + 1;
    } else if (text.startsWith('/*', at)) {
      const end = text.indexOf('*/', at + 2);
      at = end === -1 ? text.length : end + 2;
    } else {
      return at;
    }
  }
}

const hex = bytes => Array.from(bytes, byte => byte.toString(16).padStart(2, '0')).join('');
// A REAL much as SQLite prints it: 2.0 not 2, 1.0e+20 not 100000000000000000000, Inf not Infinity.
function realOf(value) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : '-Inf';
  if (Math.abs(value) >= 1e15) return value.toExponential().replace(/^(-?\d)e/, '$1.0e');
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

// Integers come as BigInt (no precision lost past 2^53).
const cellOf = value => value === null ? null
  : value instanceof Uint8Array ? `x'${hex(value)}'`
  : typeof value === 'number' ? realOf(value)
  : String(value);
const size = text => encoder.encode(text).length + 1;

/** Shows the first rows of what the statement returns, within 1,000 rows and what is left of the limit; counts them all. */
function tableOf(statement, columns, line, budget) {
  const table = { columns, rows: [], rowCount: 0, line };
  budget.left -= columns.reduce((bytes, column) => bytes + size(column), 0);
  let showing = true;
  while (statement.step()) {
    table.rowCount++;
    if (!showing) continue;
    const values = statement.get(null, { useBigInt: true });
    // A blob reads as twice its bytes in hex: one that cannot fit is not spelled out (50 MB took 30 s).
    if (values.some(value => value instanceof Uint8Array && value.length * 2 + 4 > budget.left)) {
      showing = false;
      continue;
    }
    const row = values.map(cellOf);
    const bytes = row.reduce((sum, cell) => sum + size(cell ?? 'NULL'), 0);
    if (table.rows.length >= MAX_ROWS || bytes > budget.left) {
      showing = false;
      continue;
    }
    budget.left -= bytes;
    table.rows.push(row);
  }
  return table;
}

function run(code) {
  const started = performance.now();
  // SQLite reads the text as a C string: past a NUL nothing would run, and nobody would know.
  const nul = code.indexOf('\0');
  if (nul !== -1) {
    const line = lineAt(code, nul);
    return { success: false, tables: [], omitted: 0, error: `The SQL holds a NUL character (line ${line}); remove it`, line, executionTime: 0 };
  }
  const db = new SQL.Database();
  const tables = [];
  const budget = { left: MAX_BYTES };
  let omitted = 0; // statements that returned columns when the limit left no room for them
  const statements = db.iterateStatements(code);
  let line = null;
  try {
    for (;;) {
      const rest = statements.getRemainingSQL();
      line = lineAt(code, code.length - rest.length + skipToStatement(rest));
      const next = statements.next();
      if (next.done) break;
      const statement = next.value;
      // A statement without columns (CREATE, INSERT) returns nothing to show; it still runs.
      const columns = statement.getColumnNames();
      const fits = columns.length > 0 && columns.reduce((bytes, column) => bytes + size(column), 0) <= budget.left;
      if (fits) tables.push(tableOf(statement, columns, line, budget));
      else while (statement.step());
      if (columns.length > 0 && !fits) omitted++;
      statement.free();
    }
    return { success: true, tables, omitted, executionTime: Math.round(performance.now() - started) };
  } catch (error) {
    const message = `${String(error?.message ?? error)} (line ${line})`;
    return { success: false, tables, omitted, error: message, line, executionTime: Math.round(performance.now() - started) };
  } finally {
    db.close();
  }
}

self.onmessage = async ({ data }) => {
  if (data?.type === 'load') {
    try {
      await load(String(data.baseUrl));
    } catch (error) {
      self.postMessage({ type: 'failed', error: String(error?.message ?? error) });
    }
  } else if (data?.type === 'run') {
    self.onmessage = null; // one program per worker
    const { tables, ...result } = run(String(data.code));
    self.postMessage({ type: 'result', result, tables });
  }
};
