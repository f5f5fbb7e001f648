// One Pyodide interpreter for one run, then thrown away: the page starts this worker ahead as a spare
// (Pyodide loads while nobody waits), sends it one program, and terminates it when the result comes or
// after 10 s. So nothing a program leaves behind reaches the next run: not a patched builtin, not a
// timer (js.setTimeout, asyncio's call_later), not a replaced pyodide_js.runPythonAsync.
//
// Storage goes before Pyodide loads (so Pyodide holds no reference to any of it) and the network once
// it has loaded: Python reaches this worker's globals through the js module, so what is gone here is
// gone for Python too.
import { removeStorage, seal } from './sandbox.mjs';
import { OutputStream } from './output.mjs';

removeStorage();

const source = 'main.py';
const post = self.postMessage.bind(self); // kept before seal() takes postMessage from the program
const decode = Function.prototype.call.bind(TextDecoder.prototype.decode);
const now = performance.now.bind(performance);
const round = Math.round;
const streams = { output: new OutputStream('output', post), error: new OutputStream('error', post) };
let pyodide;

// input() and sys.stdin read the session's program input; past its end input() raises EOFError, as
// Python does when a piped input runs out. The input is handed over whole, as one read of stdin.
function readInput(input) {
  let given = typeof input !== 'string' || input === '';
  pyodide.setStdin({ stdin: () => (given ? null : ((given = true), input)), autoEOF: true });
}

async function load(baseUrl) {
  const started = now();
  const { loadPyodide } = await import(`${baseUrl}pyodide.mjs`);
  pyodide = await loadPyodide({ indexURL: baseUrl, checkAPIVersion: true });
  pyodide.setStdin({ error: true });
  const decoder = name => {
    const text = new TextDecoder();
    return { write: bytes => { streams[name].write(decode(text, bytes, { stream: true })); return bytes.length; } };
  };
  pyodide.setStdout(decoder('output'));
  pyodide.setStderr(decoder('error'));
  seal(); // Pyodide has all it needs: from here on the network is gone
  post({ type: 'ready', loadTime: round(now() - started) });
}

// Pyodide's own frames (its runner under /lib/python3xx.zip/_pyodide/) say nothing about the user's code.
function userTraceback(traceback) {
  const kept = [];
  let skipping = false;
  for (const line of traceback.split('\n')) {
    if (/^ {2}File "/.test(line)) skipping = line.includes('/_pyodide/');
    else if (!/^ {4}/.test(line)) skipping = false;
    if (!skipping) kept.push(line);
  }
  return kept.join('\n').trimEnd();
}

function lineOf(traceback) {
  const lines = [...traceback.matchAll(/File "main\.py", line (\d+)/g)];
  return lines.length ? Number(lines[lines.length - 1][1]) : null;
}

// What a program wrote without a line break is still in Python's buffers, and the worker ends with the
// result: written out first. The program's own sys.stdout, if it set one, and the original.
const flushing = `
import sys
for _stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
    try:
        _stream.flush()
    except Exception:
        pass
`;

function flush() {
  try {
    pyodide.runPython(flushing); // in Pyodide's own globals: the program's are its own
  } catch {
    // A program that broke flushing loses only what it had not written out.
  }
}

// What runs after the program may meet built-ins it replaced (a traceback read with a patched split):
// the page checks the result and cuts the output again, so the worst it can do is spoil its own result.
async function run(code) {
  const globals = pyodide.globals.get('dict')(); // a fresh one: a program starts with nothing defined
  globals.set('__name__', '__main__');
  const started = now();
  let outcome;
  try {
    await pyodide.runPythonAsync(code, { globals, filename: source });
    outcome = { success: true, line: null };
  } catch (error) {
    const traceback = userTraceback(String(error?.message ?? error));
    streams.error.write(traceback);
    outcome = { success: false, errorCode: 'EXECUTION_ERROR', line: lineOf(traceback) };
  }
  flush();
  post({
    type: 'result',
    result: { success: outcome.success, errorCode: outcome.errorCode, line: outcome.line, executionTime: round(now() - started) },
    dropped: { output: streams.output.dropped, error: streams.error.dropped },
  });
}

self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    try {
      await load(data.baseUrl);
    } catch (error) {
      post({ type: 'failed', error: String(error?.message ?? error) });
    }
  } else if (data.type === 'run') {
    self.onmessage = null; // one program per interpreter
    readInput(data.input);
    await run(data.code);
  }
};
