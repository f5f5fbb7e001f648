// The page's side of running code. Every run gets a fresh worker, in both languages, so nothing a
// program leaves behind (a timer, a patched built-in, a replaced pyodide_js.runPythonAsync) reaches the
// next run, anyone's screen, or the next interview in this tab. One spare per language is started ahead,
// so a run does not wait for a worker or for Pyodide to load: JavaScript's once the page has settled and
// after each run, Python's when a page asks for Python and after each Python run. Time limits are
// enforced here, by terminating the worker: nothing inside a worker can stop a `while (true) {}`.
// What a worker sends is checked and cut on this thread (run-result.mjs) before anyone sees it.
//
// The module outlives the page that loaded it (the Blazor app navigates without reloading), so a page
// that goes away calls reset(): every worker ends, and a run it had going resolves as discarded.
import { RunReceiver, unstarted } from './run-result.mjs';

const workers = {
  javascript: new URL('./runners/javascript-worker.mjs', import.meta.url),
  python: new URL('./runners/python-worker.mjs', import.meta.url),
};

const spares = { javascript: null, python: null };
let current = null;
let pythonBaseUrl = null;
let pythonWanted = false; // a page asked for Python since the last reset: its spare is kept warm
let settling = null; // the timer that starts the first JavaScript spare
let generation = 0; // counts reset()s: a run of an earlier generation belongs to a page that has gone

/** A worker no program has touched yet; a Python one loads Pyodide and is ready once it has. */
class Spare {
  killed = false;

  constructor(language) {
    this.worker = new Worker(workers[language], { type: 'module', name: `${language}-runner` });
    this.ready = language === 'python' ? this.#load() : Promise.resolve(0);
  }

  #load() {
    const ready = new Promise((resolve, reject) => {
      this.reject = reject;
      this.worker.onmessage = ({ data }) => data?.type === 'ready'
        ? resolve(Number.isFinite(data.loadTime) ? data.loadTime : 0)
        : reject(new Error(String(data?.error ?? 'The Python runtime could not start').slice(0, 1000)));
      this.worker.onerror = event => {
        event.preventDefault();
        reject(new Error(event.message || 'The Python runtime could not start'));
      };
    });
    ready.catch(() => this.worker.terminate()); // of no use once it failed; whoever awaits it hears why
    this.worker.postMessage({ type: 'load', baseUrl: pythonBaseUrl });
    return ready;
  }

  kill() {
    this.killed = true;
    this.worker.onmessage = this.worker.onerror = null;
    this.worker.terminate();
    this.reject?.(new Error('The runner was ended'));
  }
}

function warm(language) {
  if (language === 'javascript' || pythonWanted) spares[language] ??= new Spare(language);
}

// The first JavaScript spare starts once the page has settled, not while the editor is still loading.
function settle() {
  if (settling === null && !spares.javascript) {
    settling = setTimeout(() => {
      settling = null;
      warm('javascript');
    }, 1000);
  }
}

function takeSpare(language) {
  const spare = spares[language] ?? new Spare(language);
  spares[language] = null;
  return spare;
}

/** Starts Pyodide in a spare (if none is loading) and resolves once it can run code, with its load time in ms. */
export async function preparePython(baseUrl) {
  pythonBaseUrl ??= new URL(baseUrl, document.baseURI).href;
  pythonWanted = true;
  settle();
  const since = generation;
  for (;;) {
    const spare = spares.python ??= new Spare('python');
    try {
      return await spare.ready;
    } catch (error) {
      if (spares.python === spare) spares.python = null;
      if (generation !== since) throw new Error('The page was left while Python loaded');
      if (!spare.killed) {
        spare.kill();
        throw error;
      }
      // A run took this one while it loaded and ended with it: the next spare is the one to wait for.
    }
  }
}

/** One run: its worker, its limit, and what it sent. */
class Run {
  ended = false;
  spare = null;
  timer = null;
  started = performance.now();

  constructor(language, code, timeoutMs, input, resolve) {
    Object.assign(this, { language, code, timeoutMs, input, resolve, generation });
    this.receiver = new RunReceiver(language, code);
  }

  async start() {
    try {
      this.spare = takeSpare(this.language);
      await this.spare.ready; // Pyodide loading: the limit counts from the program's start
    } catch (error) {
      if (!this.ended) this.finish(unstarted(this.language, `Python could not start: ${error.message}`));
      return;
    }
    if (this.ended) return; // stopped, or the page left, while Pyodide loaded
    const worker = this.spare.worker;
    this.started = performance.now();
    this.timer = setTimeout(() => this.end({ ending: `Execution timed out after ${this.timeoutMs / 1000} s and was stopped (EXECUTION_TIMEOUT)`,
      errorCode: 'EXECUTION_TIMEOUT', elapsed: this.timeoutMs }), this.timeoutMs);
    worker.onmessage = ({ data }) => {
      if (this.ended) return;
      const heard = this.receiver.receive(data);
      if (heard === 'result') this.end({ reported: data });
      else if (heard === 'flood') this.end({ ending: 'Stopped: it kept writing past the 10 KB output limit' });
    };
    worker.onerror = event => {
      event.preventDefault();
      if (this.ended) return;
      this.receiver.failed(event.message);
      this.end({});
    };
    worker.postMessage({ type: 'run', code: this.code, input: this.input });
  }

  /** Ends the run: its worker goes whatever happened, and the next spare starts warming. */
  end(how) {
    if (this.ended) return;
    const elapsed = Math.round(performance.now() - this.started);
    this.finish(this.receiver.result({ elapsed, ...how }));
  }

  finish(result) {
    this.ended = true;
    clearTimeout(this.timer);
    this.spare?.kill();
    if (current === this) current = null;
    if (this.generation !== generation) {
      this.resolve({ ...unstarted(this.language, 'The page was left before the run finished'), discarded: true });
      return;
    }
    warm(this.language);
    this.resolve(result);
  }
}

/**
 * Runs a program with the session's program input (its lines are what the program reads); resolves with
 * the result the session shares (success, output, error, executionTime, logs), never rejects.
 */
export function run(language, code, timeoutMs, input = '') {
  stop();
  settle();
  if (language === 'python') {
    pythonBaseUrl ??= new URL('pyodide/', document.baseURI).href;
    pythonWanted = true;
  }
  return new Promise(resolve => {
    current = new Run(language, String(code), timeoutMs, String(input ?? ''), resolve);
    current.start();
  });
}

/** Ends the running program, if any; its run resolves as stopped. */
export function stop() {
  current?.end({ ending: 'Stopped before it finished' });
}

/**
 * Ends every worker this module has (the running program and the spares) and keeps none warm until a
 * page asks again: for a page that is going away. A run it ends resolves as discarded, never as a result.
 */
export function reset() {
  generation++;
  pythonWanted = false;
  clearTimeout(settling);
  settling = null;
  current?.end({});
  for (const language of Object.keys(spares)) {
    spares[language]?.kill();
    spares[language] = null;
  }
}

// Ctrl+Enter (Cmd+Enter) runs the code from anywhere on the page, the editor included: listening in the
// capture phase takes the keystroke before Monaco turns it into "insert line below".
let shortcut = null;
export function listenForRunShortcut(dotnet) {
  settle();
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
