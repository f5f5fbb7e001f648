// One Pyodide interpreter, loaded when a Python session opens and kept between runs; each run gets
// fresh globals. The page ends a run past 10 s by terminating this worker and starting another.
import { seal } from './sandbox.mjs';
import { OutputStream } from './output.mjs';

const source = 'main.py';
let pyodide;
let post;
let streams;

// input() would wait for a terminal nobody has: say so at once instead.
const prelude = `
import builtins
def _interview_input(prompt=''):
    raise RuntimeError("input() is not available here: programs cannot read from the keyboard in this sandbox. Put test values in the code instead.")
builtins.input = _interview_input
del _interview_input
`;

async function load(baseUrl) {
  const started = performance.now();
  const { loadPyodide } = await import(`${baseUrl}pyodide.mjs`);
  pyodide = await loadPyodide({ indexURL: baseUrl, checkAPIVersion: true });
  pyodide.setStdin({ error: true });
  const decoder = name => {
    const text = new TextDecoder();
    return { write: bytes => { streams[name].write(text.decode(bytes, { stream: true })); return bytes.length; } };
  };
  pyodide.setStdout(decoder('output'));
  pyodide.setStderr(decoder('error'));
  pyodide.runPython(prelude);
  post = seal(); // Pyodide has all it needs: from here on the network is gone
  post({ type: 'ready', loadTime: Math.round(performance.now() - started) });
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

async function run(code) {
  streams = { output: new OutputStream('output', post), error: new OutputStream('error', post) };
  const globals = pyodide.globals.get('dict')();
  globals.set('__name__', '__main__');
  const started = performance.now();
  let outcome;
  try {
    await pyodide.runPythonAsync(code, { globals, filename: source });
    outcome = { success: true, line: null };
  } catch (error) {
    const traceback = userTraceback(String(error?.message ?? error));
    streams.error.write(traceback);
    outcome = { success: false, errorCode: 'EXECUTION_ERROR', line: lineOf(traceback) };
  } finally {
    globals.destroy();
  }
  post({
    type: 'result',
    result: { ...outcome, executionTime: Math.round(performance.now() - started) },
    dropped: { output: streams.output.dropped, error: streams.error.dropped },
  });
}

self.onmessage = async ({ data }) => {
  if (data.type === 'load') {
    try {
      await load(data.baseUrl);
    } catch (error) {
      self.postMessage({ type: 'failed', error: String(error?.message ?? error) });
    }
  } else if (data.type === 'run') {
    await run(data.code);
  }
};
