// The page's side of running code. Every run gets a fresh worker, in every language, so nothing a
// program leaves behind (a timer, a patched built-in, a replaced pyodide_js.runPythonAsync) reaches the
// next run, anyone's screen, or the next interview in this tab. One spare per runtime is started ahead,
// so a run does not wait for a worker or for its runtime to load: JavaScript's once the page has settled
// and after each run, Python's and SQLite's when a page asks for them and after each of their runs.
// TypeScript is compiled here, by Monaco's TypeScript worker (ts-compile.mjs), and runs in a JavaScript
// worker. Time limits are enforced here, by terminating the worker: nothing inside a worker can stop a
// `while (true) {}` or a recursive CTE that never ends.
// What a worker sends is checked and cut on this thread (run-result.mjs) before anyone sees it.
//
// The module outlives the page that loaded it (the Blazor app navigates without reloading), so a page
// that goes away calls reset(): every worker ends, and a run it had going resolves as discarded.
import { RunReceiver, unstarted } from './run-result.mjs';
import * as typescript from './ts-compile.mjs';

// The worker each language runs in, and for the runtimes that load first, where their files are.
const workers = {
  javascript: { url: new URL('./runners/javascript-worker.mjs', import.meta.url), type: 'module', name: 'JavaScript' },
  python: { url: new URL('./runners/python-worker.mjs', import.meta.url), type: 'module', files: 'pyodide/', name: 'Python' },
  sql: { url: new URL('./runners/sql-worker.js', import.meta.url), type: 'classic', files: 'sqljs/', name: 'SQLite' },
};
const runtimeOf = language => (language === 'typescript' ? 'javascript' : language);

const spares = { javascript: null, python: null, sql: null };
const baseUrls = { python: null, sql: null };
const wanted = { python: false, sql: false }; // a page asked for it since the last reset: its spare is kept warm
let current = null;
let settling = null; // the timer that starts the first JavaScript spare
let generation = 0; // counts reset()s: a run of an earlier generation belongs to a page that has gone

/** A worker no program has touched yet; one whose runtime loads first (Python, SQLite) is ready once it has. */
class Spare {
  killed = false;
  created = performance.now();

  constructor(runtime) {
    const { url, type, files, name } = workers[runtime];
    this.worker = new Worker(url, { type, name: `${runtime}-runner` });
    this.ready = files ? this.#load(runtime, name) : Promise.resolve(0);
  }

  #load(runtime, name) {
    const ready = new Promise((resolve, reject) => {
      this.reject = reject;
      // The load time as the page lives it: from the worker's start (its script fetched too) to ready.
      this.worker.onmessage = ({ data }) => data?.type === 'ready'
        ? resolve(Math.round(performance.now() - this.created))
        : reject(new Error(String(data?.error ?? `${name} could not start`).slice(0, 1000)));
      this.worker.onerror = event => {
        event.preventDefault();
        reject(new Error(event.message || `${name} could not start`));
      };
    });
    ready.catch(() => this.worker.terminate()); // of no use once it failed; whoever awaits it hears why
    this.worker.postMessage({ type: 'load', baseUrl: baseUrls[runtime] ??= new URL(workers[runtime].files, document.baseURI).href });
    return ready;
  }

  kill() {
    this.killed = true;
    this.worker.onmessage = this.worker.onerror = null;
    this.worker.terminate();
    this.reject?.(new Error('The runner was ended'));
  }
}

function warm(runtime) {
  if (runtime === 'javascript' || wanted[runtime]) spares[runtime] ??= new Spare(runtime);
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

function takeSpare(runtime) {
  const spare = spares[runtime] ?? new Spare(runtime);
  spares[runtime] = null;
  return spare;
}

function want(runtime, baseUrl) {
  if (runtime in wanted) {
    if (baseUrl) baseUrls[runtime] ??= new URL(baseUrl, document.baseURI).href;
    wanted[runtime] = true;
  }
}

/**
 * Gets a language's runtime ready ahead of its first run: Pyodide or SQLite loading in a spare (from
 * `baseUrl`, their files' folder), the TypeScript compiler answering. Resolves with its load time in ms.
 */
export async function prepare(language, baseUrl) {
  if (language === 'typescript') return typescript.prepare();
  const runtime = runtimeOf(language);
  want(runtime, baseUrl);
  settle();
  const since = generation;
  for (;;) {
    const spare = spares[runtime] ??= new Spare(runtime);
    try {
      return await spare.ready;
    } catch (error) {
      if (spares[runtime] === spare) spares[runtime] = null;
      if (generation !== since) throw new Error(`The page was left while ${workers[runtime].name ?? language} loaded`);
      if (!spare.killed) {
        spare.kill();
        throw error;
      }
      // A run took this one while it loaded and ended with it: the next spare is the one to wait for.
    }
  }
}

/** Starts Pyodide in a spare (if none is loading) and resolves once it can run code, with its load time in ms. */
export const preparePython = baseUrl => prepare('python', baseUrl);

/** One run: its worker, its limit, and what it sent. */
class Run {
  ended = false;
  spare = null;
  timer = null;
  started = performance.now();

  constructor(language, code, timeoutMs, input, resolve) {
    Object.assign(this, { language, code, timeoutMs, input, resolve, generation, runtime: runtimeOf(language) });
    this.receiver = new RunReceiver(language, code);
  }

  async start() {
    let program = { code: this.code };
    try {
      if (this.language === 'typescript') {
        // Monaco's compiler cannot be terminated (the editor shares it), but a run waits at most its limit for it.
        this.timer = setTimeout(() => this.end({ ending: `Compiling took longer than ${this.timeoutMs / 1000} s and was stopped (EXECUTION_TIMEOUT)`,
          errorCode: 'EXECUTION_TIMEOUT', elapsed: this.timeoutMs }), this.timeoutMs);
        program = await this.#compile();
        clearTimeout(this.timer);
      }
      if (!program || this.ended) return;
      this.spare = takeSpare(this.runtime);
      await this.spare.ready; // Pyodide or SQLite loading: the limit counts from the program's start
    } catch (error) {
      const what = this.language === 'typescript' ? 'TypeScript could not compile' : `${workers[this.runtime].name} could not start`;
      if (!this.ended) this.finish(unstarted(this.language, `${what}: ${error.message}`));
      return;
    }
    if (this.ended) return; // stopped, or the page left, while the runtime loaded
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
    worker.postMessage({ type: 'run', code: program.code, lines: program.lines, input: this.input });
  }

  // TypeScript: type errors are listed with the result and the program runs anyway; a syntax error
  // stops it here, with its line, as JavaScript's parser would.
  async #compile() {
    const compiled = await typescript.compile(this.code);
    if (this.ended) return null;
    if (compiled.typeErrors.length) this.receiver.typeErrors(typescript.listed(compiled.typeErrors));
    if (compiled.syntaxErrors.length) {
      const [first] = compiled.syntaxErrors;
      this.receiver.failed(`SyntaxError: ${first.message} (line ${first.line})`);
      this.finish(this.receiver.result({ elapsed: 0, reported: { type: 'result', result: { success: false, line: first.line, executionTime: 0 } } }));
      return null;
    }
    return { code: compiled.javascript, lines: compiled.lines };
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
    warm(this.runtime);
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
  want(runtimeOf(language));
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
  wanted.python = wanted.sql = false;
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
