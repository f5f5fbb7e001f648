// What a run's worker sends, taken in on the page's thread and turned into the result the session
// shares. The worker runs user code, and user code can patch anything in its worker (the worker's own
// output limit included) or seize its channel to the page: so nothing it sends is trusted here. Output
// is cut to 10 KB a stream again, with output.mjs's measure but on this thread, which user code cannot
// reach; every field of the result is checked and rebuilt; and a worker sending far more than an honest
// one ever does is a program flooding the page, and its run ends. What leaves this module fits the
// session's limits, so sharing it can never close the page's connection with an oversize message.
import { MAX_OUTPUT_BYTES, OutputStream } from './runners/output.mjs';
import { fitTables, textOf } from './runners/sql-table.mjs';

// An honest worker sends at most 10 KB a stream (about 10,000 messages at most, one a console line) and
// nothing past the limit.
const MAX_MESSAGES = 100_000;
const MAX_BYTES_PAST_LIMIT = 1024 * 1024;

const cutMarker = dropped => `\n… output cut at ${MAX_OUTPUT_BYTES / 1024} KB` + (dropped > 0 ? ` (${dropped} more bytes not shown)` : '');

// A count the worker reports: a whole number of bytes, or nothing.
const count = value => Number.isSafeInteger(value) && value > 0 ? value : 0;

export class RunReceiver {
  messages = 0;
  parts = { output: [], error: [], logs: [] };

  constructor(language, code) {
    this.language = language;
    this.lines = code.split('\n').length;
    this.streams = {
      output: new OutputStream('output', message => this.parts.output.push(message.text)),
      error: new OutputStream('error', message => this.parts.error.push(message.text)),
      logs: new OutputStream('logs', message => this.parts.logs.push(message.text), { entries: true }),
    };
  }

  /** Takes in one message; answers 'result' when the worker has told its result, 'flood' when it must be ended. */
  receive(data) {
    if (++this.messages > MAX_MESSAGES) return 'flood';
    if (typeof data !== 'object' || data === null) return null;
    if (data.type === 'result') return 'result';
    if (data.type !== 'output' || typeof data.text !== 'string') return null;
    if (this.language === 'sql') return null; // SQLite's worker tells everything in its result
    const stream = data.stream === 'output' || data.stream === 'error' || (data.stream === 'logs' && this.language !== 'python')
      ? this.streams[data.stream] : null;
    stream?.write(data.text);
    const past = this.streams.output.dropped + this.streams.error.dropped + this.streams.logs.dropped;
    return past > MAX_BYTES_PAST_LIMIT ? 'flood' : null;
  }

  /** A TypeScript run's type errors: told before the program runs, so they come first in its error, within the same 10 KB. */
  typeErrors(list) {
    this.streams.error.write(`Type errors (the program still ran):\n${list}\n\n`);
  }

  /** A worker's error event: its message is the program's words, cut like any other error text. */
  failed(message) {
    this.streams.error.write(typeof message === 'string' && message ? message : 'The runner failed');
  }

  /**
   * The result. `reported` is the worker's result message, or null when the page ended the run (its
   * time limit, Stop, a flood, a failed worker): then `ending` says why, after whatever it printed, and
   * what the worker might still have printed is unknown, so a stream that reached the limit is marked.
   */
  result({ reported = null, ending = null, errorCode = 'EXECUTION_ERROR', elapsed }) {
    const told = reported?.result;
    const success = reported !== null && told?.success === true;
    const tables = this.language === 'sql' ? this.#tables(reported) : undefined;
    const dropped = name => this.streams[name].dropped + count(reported?.dropped?.[name]);
    const cut = name => dropped(name) > 0 || (reported === null && this.streams[name].used >= MAX_OUTPUT_BYTES);
    const mark = (name, text) => cut(name) ? text + cutMarker(dropped(name)) : text;

    let output = this.parts.output.join('');
    if (this.language === 'python') output = output.replace(/\n+$/, '');
    let error = this.parts.error.join('').replace(/\n+$/, '');
    if (ending) error = error ? `${error}\n${ending}` : ending;
    const logs = [...this.parts.logs];
    if (logs.length && cut('logs')) logs[logs.length - 1] += cutMarker(dropped('logs'));
    const time = told?.executionTime;
    const line = told?.line;
    // Half a surrogate pair is refused by the session and by .NET's reading of the result: shown as U+FFFD.
    return {
      language: this.language,
      success,
      output: mark('output', output).toWellFormed(),
      error: success && !error ? null : mark('error', error).toWellFormed(),
      executionTime: typeof time === 'number' && time >= 0 && time <= elapsed ? Math.round(time) : elapsed,
      logs: logs.map(entry => entry.toWellFormed()),
      errorCode: success ? null : errorCode,
      line: !success && Number.isSafeInteger(line) && line >= 1 && line <= this.lines ? line : null,
      ...(tables ? { tables } : {}),
    };
  }

  // SQLite's worker sends its tables and its error in the result: the tables are checked and cut here,
  // their text form is the output, and the error goes through the error stream's cut like any other.
  #tables(reported) {
    const { tables, omitted } = fitTables(reported?.tables, reported?.result?.omitted);
    this.streams.output.write(textOf(tables, omitted));
    const error = reported?.result?.error;
    if (reported?.result?.success !== true && typeof error === 'string') this.streams.error.write(error);
    return tables;
  }
}

/** A run that never reached a worker (Python could not start). */
export function unstarted(language, message) {
  return { language, success: false, output: '', error: message.slice(0, 1000), executionTime: 0, logs: [], errorCode: 'EXECUTION_ERROR', line: null };
}
