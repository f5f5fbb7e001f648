// TypeScript for a run, compiled by Monaco's own TypeScript worker: the language service that shows the
// diagnostics in the editor, so a run lists the same type errors the editor underlines, and no second
// compiler is downloaded. (Monaco's JavaScript mode is served by that same worker: a JavaScript session
// loads it for the editor's sake; a run in JavaScript never calls it.) The program is then run by the
// JavaScript runner, in its sandbox and with its limits; this module only turns TypeScript into
// JavaScript and says where each line came from.

// readline() is the runner's global (js/runners/javascript-worker.mjs): typed, so using it is no error.
const runnerGlobals = 'declare function readline(): string | null;';
let prepared = null;

const typescript = () => globalThis.monaco?.languages?.typescript
  ?? (() => { throw new Error('The editor (and with it the TypeScript compiler) has not loaded'); })();

/** Sets the compiler up once (source maps for the lines, the runner's globals) and resolves when its worker answers, with the ms it took. */
export function prepare() {
  prepared ??= (async () => {
    const started = performance.now();
    const defaults = typescript().typescriptDefaults;
    defaults.setCompilerOptions({ ...defaults.getCompilerOptions(), sourceMap: true, inlineSourceMap: false, noEmitOnError: false });
    defaults.addExtraLib(runnerGlobals, 'file:///interview/runner-globals.d.ts');
    // The worker answers about a file it has: an empty one, made for the question.
    const { editor, Uri } = globalThis.monaco;
    const model = editor.createModel('', 'typescript', Uri.parse('file:///interview/prepare.ts'));
    try {
      const worker = await (await typescript().getTypeScriptWorker())(model.uri);
      await worker.getSemanticDiagnostics(model.uri.toString()); // the standard library read and checked once
    } finally {
      model.dispose();
    }
    return Math.round(performance.now() - started);
  })();
  prepared.catch(() => { prepared = null; }); // the next run tries again
  return prepared;
}

// The program is the body of an async function (as a JavaScript run's is): a top-level return, its
// output, and a top-level await are no errors there, whatever a script's rules say.
const runnerAllows = new Set([1108, 1375, 1378]);

const flatten = text => typeof text === 'string' ? text : [text.messageText, ...(text.next ?? []).map(flatten)].join(' ');

/** Base64 VLQ (source map v3): the numbers of one segment. */
function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return values;
}

/** For each line of the emitted JavaScript (index 1 on), the line of the TypeScript it came from. */
export function sourceLines(map) {
  const lines = [null];
  let source = 0;
  let last = null;
  for (const generated of String(JSON.parse(map).mappings ?? '').split(';')) {
    let first = null;
    for (const segment of generated.split(',').filter(Boolean)) {
      const values = decode(segment);
      if (values.length >= 4) {
        source += values[2];
        first ??= source + 1;
      }
    }
    last = first ?? last;
    lines.push(last);
  }
  return lines;
}

/**
 * Compiles a program: its JavaScript, the line map, and its diagnostics ({line, message} each), the
 * syntax errors apart (they stop the run) from the type errors (listed, and the program still runs).
 */
export async function compile(code) {
  await prepare();
  const { editor, Uri } = globalThis.monaco;
  // The editor's own model when it holds this text (nothing to sync); otherwise one made for the run.
  const shown = editor.getModels().find(model => model.getLanguageId() === 'typescript' && model.getValue() === code);
  const model = shown ?? editor.createModel(code, 'typescript', Uri.parse(`file:///interview/run-${Date.now()}.ts`));
  try {
    const file = model.uri.toString();
    const worker = await (await typescript().getTypeScriptWorker())(model.uri);
    const [syntactic, semantic, emitted] = await Promise.all([
      worker.getSyntacticDiagnostics(file), worker.getSemanticDiagnostics(file), worker.getEmitOutput(file)]);
    const described = diagnostic => ({
      line: model.getPositionAt(diagnostic.start ?? 0).lineNumber,
      message: `${flatten(diagnostic.messageText)} (TS${diagnostic.code})`,
    });
    const output = name => emitted.outputFiles.find(file => file.name.endsWith(name))?.text ?? '';
    return {
      // A top-level `export {}` (how TypeScript makes a file a module) means nothing inside the function.
      javascript: output('.js').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n').replace(/^export \{\};$/m, ''),
      lines: sourceLines(output('.js.map') || '{}'),
      syntaxErrors: syntactic.filter(d => !runnerAllows.has(d.code)).map(described),
      typeErrors: semantic.filter(d => !runnerAllows.has(d.code)).map(described),
    };
  } finally {
    if (!shown) model.dispose();
  }
}

/** Diagnostics as the output panel lists them: one a line, by the line of the code they are on. */
export const listed = diagnostics => diagnostics
  .sort((a, b) => a.line - b.line)
  .map(({ line, message }) => `line ${line}: ${message}`)
  .join('\n');
