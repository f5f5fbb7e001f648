// The page's side of running code: one worker per JavaScript run (a spare is started ahead, so a run
// does not wait for one), one Pyodide worker kept warm for Python. Time limits are enforced here, by
// terminating the worker: nothing inside a worker can stop a `while (true) {}`.
import { MAX_OUTPUT_BYTES } from './runners/output.mjs';

const javascriptWorker = new URL('./runners/javascript-worker.mjs', import.meta.url);
const pythonWorker = new URL('./runners/python-worker.mjs', import.meta.url);
const cutMarker = dropped => `\n… output cut at ${MAX_OUTPUT_BYTES / 1024} KB` + (dropped > 0 ? ` (${dropped} more bytes not shown)` : '');

let spare = startJavaScriptSoon();
let python = null;
let pythonBaseUrl = null;
let current = null;

const startJavaScript = () => new Worker(javascriptWorker, { type: 'module', name: 'javascript-runner' });

// The first spare is started once the page has settled, not while the editor is still loading.
function startJavaScriptSoon() {
  setTimeout(() => { spare ??= startJavaScript(); }, 1000);
  return null;
}

function startPython() {
  const worker = new Worker(pythonWorker, { type: 'module', name: 'python-runner' });
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => data.type === 'ready' ? resolve(data.loadTime) : reject(new Error(data.error));
    worker.onerror = event => reject(new Error(event.message || 'The Python runtime could not start'));
  });
  ready.catch(() => {}); // observed by whoever awaits it
  worker.postMessage({ type: 'load', baseUrl: pythonBaseUrl });
  return { worker, ready };
}

/** Starts Pyodide (if not started) and resolves once it can run code, with its load time in ms. */
export async function preparePython(baseUrl) {
  pythonBaseUrl ??= new URL(baseUrl, document.baseURI).href;
  python ??= startPython();
  try {
    return await python.ready;
  } catch (error) {
    python = null; // the next attempt starts afresh
    throw error;
  }
}

/** Runs a program; resolves with SPEC.md's result shape, never rejects. */
export async function run(language, code, timeoutMs) {
  stop();
  let worker;
  if (language === 'python') {
    try {
      await preparePython(pythonBaseUrl ?? 'pyodide/');
    } catch (error) {
      return failed(`Python could not start: ${error.message}`, 'EXECUTION_ERROR', 0);
    }
    worker = python.worker;
  } else {
    worker = spare ?? startJavaScript();
    spare = null;
  }

  const texts = { output: '', error: '', logs: [] };
  const started = performance.now();
  return await new Promise(resolve => {
    const end = (result, dropped, keepWorker) => {
      clearTimeout(current.timer);
      current = null;
      if (!keepWorker) {
        worker.terminate();
        if (language === 'python') python = startPython(); // warm again for the next run
      }
      if (language === 'javascript') spare = startJavaScript();
      resolve(assemble(language, texts, result, dropped));
    };
    current = {
      timer: setTimeout(() => end(
        { success: false, errorCode: 'EXECUTION_TIMEOUT', executionTime: timeoutMs,
          timeoutError: `Execution timed out after ${timeoutMs / 1000} s and was stopped (EXECUTION_TIMEOUT)` },
        null, false), timeoutMs),
      stop: () => end(
        { success: false, errorCode: 'EXECUTION_ERROR', executionTime: Math.round(performance.now() - started),
          timeoutError: 'Stopped before it finished' },
        null, false),
    };
    worker.onmessage = ({ data }) => {
      if (data.type === 'output') {
        if (data.stream === 'logs') texts.logs.push(data.text);
        else texts[data.stream] += data.text;
      } else if (data.type === 'result') {
        end(data.result, data.dropped, language === 'python');
      }
    };
    worker.onerror = event => {
      event.preventDefault();
      end({ success: false, errorCode: 'EXECUTION_ERROR', executionTime: Math.round(performance.now() - started),
        timeoutError: event.message || 'The runner failed' }, null, false);
    };
    worker.postMessage({ type: 'run', code });
  });
}

/** Ends the running program, if any; its run resolves as stopped. */
export function stop() {
  current?.stop();
}

function failed(message, errorCode, executionTime) {
  return { language: 'python', success: false, output: '', error: message, executionTime, logs: [], errorCode, line: null };
}

// dropped is null when the run was cut off: whether it printed more than the limit is then unknown,
// but a stream that reached the limit is still marked.
function assemble(language, texts, result, dropped) {
  const used = text => new TextEncoder().encode(text).length;
  const mark = (text, name) => (dropped?.[name] > 0 || (!dropped && used(text) >= MAX_OUTPUT_BYTES)) ? text + cutMarker(dropped?.[name] ?? 0) : text;
  const output = language === 'python' ? texts.output.replace(/\n+$/, '') : texts.output;
  let error = texts.error.replace(/\n+$/, '');
  if (result.timeoutError) error = error ? `${error}\n${result.timeoutError}` : result.timeoutError;
  const logs = [...texts.logs];
  if (logs.length && (dropped?.logs > 0 || (!dropped && used(logs.join('\n')) >= MAX_OUTPUT_BYTES))) {
    logs[logs.length - 1] += cutMarker(dropped?.logs ?? 0);
  }
  return {
    language,
    success: result.success,
    output: mark(output, 'output'),
    error: result.success && !error ? null : mark(error, 'error'),
    executionTime: result.executionTime,
    logs,
    errorCode: result.success ? null : result.errorCode,
    line: result.line ?? null,
  };
}

// Ctrl+Enter (Cmd+Enter) runs the code from anywhere on the page, the editor included: listening in the
// capture phase takes the keystroke before Monaco turns it into "insert line below".
let shortcut = null;
export function listenForRunShortcut(dotnet) {
  stopListeningForRunShortcut();
  shortcut = event => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      dotnet.invokeMethodAsync('RunFromShortcut');
    }
  };
  document.addEventListener('keydown', shortcut, true);
}

export function stopListeningForRunShortcut() {
  if (shortcut) document.removeEventListener('keydown', shortcut, true);
  shortcut = null;
}
