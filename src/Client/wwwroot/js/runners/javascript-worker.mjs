// Runs one JavaScript program, then is thrown away: a fresh worker per run, so nothing a program
// leaves behind (timers, globals, patched built-ins) reaches the next. The page ends it when its result
// comes, or after 5 s, with terminate(). What runs after the program (the result's message) touches
// nothing the program could have replaced: the streams' measure is bound as output.mjs loads, and the
// page checks the result and cuts the output again anyway.
import { seal } from './sandbox.mjs';
import { OutputStream, describe } from './output.mjs';

const source = 'main.js';
const post = seal();
const now = performance.now.bind(performance);
const round = Math.round;
const streams = { output: new OutputStream('output', post), error: new OutputStream('error', post), logs: new OutputStream('logs', post, { entries: true }) };
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  console[level] = (...args) => streams.logs.write(args.map(arg => describe(arg, { top: true })).join(' '));
}

// The program input, line by line: readline() answers the next line (without its line break), then null
// at the end, as it does in SpiderMonkey's and V8's shells. Set before the program runs, from the message.
let inputLines = [];
let nextLine = 0;
const readline = () => (nextLine < inputLines.length ? inputLines[nextLine++] : null);
Object.defineProperty(self, 'readline', { value: readline, writable: false, enumerable: false, configurable: false });

/** A text's lines as a program reads them: split at \n (a \r before it goes too), no empty line after a last line break. */
function linesOf(input) {
  if (typeof input !== 'string' || input === '') return [];
  const lines = input.split('\n').map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (input.endsWith('\n')) lines.pop();
  return lines;
}

// The program is the body of an async function: a top-level return is its output, await works.
// Line 1 of the program is line 2 of what is evaluated.
const wrap = code => `(async function () {\n${code}\n})\n//# sourceURL=${source}`;

// A TypeScript run sends the line of its source for each line of the JavaScript it compiled to.
let sourceLines = null;
const original = line => (sourceLines === null || line === null ? line : sourceLines[line] ?? null);

function lineOf(error) {
  const match = String(error?.stack ?? '').match(/main\.js:(\d+):(\d+)/);
  return match ? original(Number(match[1]) - 1) : null;
}

// Literals only: a program may have replaced Object.entries and the like, and handing it the streams
// would hand it the channel to the page.
function finish(started, outcome) {
  post({
    type: 'result',
    result: { success: outcome.success, errorCode: outcome.errorCode, line: outcome.line, executionTime: round(now() - started) },
    dropped: { output: streams.output.dropped, error: streams.error.dropped, logs: streams.logs.dropped },
  });
}

function fail(started, error, line) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `Uncaught ${describe(error)}`;
  streams.error.write(line ? `${message} (line ${line})` : message);
  finish(started, { success: false, errorCode: 'EXECUTION_ERROR', line });
}

self.onmessage = async ({ data }) => {
  self.onmessage = null;
  inputLines = linesOf(data.input);
  sourceLines = Array.isArray(data.lines) ? data.lines : null;
  const started = now();
  let program;
  try {
    program = (0, eval)(wrap(data.code));
  } catch (error) {
    // V8 tells a syntax error's position only to the error event of an uncaught throw: evaluate once
    // more outside this handler and read the line there.
    self.addEventListener('error', event => {
      event.preventDefault();
      fail(started, error, event.lineno > 1 ? original(event.lineno - 1) : null);
    }, { once: true });
    setTimeout(() => (0, eval)(wrap(data.code)));
    return;
  }
  try {
    const value = await program();
    streams.output.write(describe(value));
    finish(started, { success: true, line: null });
  } catch (error) {
    fail(started, error, lineOf(error));
  }
};
