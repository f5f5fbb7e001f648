// A candidate's page tells the session what the interviewer sees (docs/protocol.md, "Roles, notes, ending
// and activity"): pastes into the editor (their text goes to C# only, which compares it with what this
// editor copied and sends its size) and whether the tab is visible and focused
// (Interview.Client.Activity.BrowserActivityHost).
let exports;
let stop = null;

export async function watch(id) {
  if (!exports) {
    const runtime = await globalThis.getDotnetRuntime(0);
    exports = await runtime.getAssemblyExports("Interview.Client.dll");
  }
  unwatch();
  const host = () => exports.Interview.Client.Activity.BrowserActivityHost;
  const editor = monaco.editor.getEditors().find(e => e.getContainerDomNode().id === id || e.getContainerDomNode().parentElement?.id === id);
  if (!editor) throw new Error(`Monaco editor ${id} not found`);
  const container = editor.getContainerDomNode();
  const model = editor.getModel();
  const cleanups = [];
  const listen = (target, name, handler, capture) => {
    target.addEventListener(name, handler, capture);
    cleanups.push(() => target.removeEventListener(name, handler, capture));
  };

  // What this editor's copy or cut puts on the clipboard: the selected text (a whole line for an empty
  // selection, as Monaco copies it), then, if Monaco's own handler let the event on, what it set.
  const selected = () => {
    const selections = editor.getSelections() ?? [];
    if (selections.every(s => s.isEmpty())) {
      return selections.map(s => model.getLineContent(s.positionLineNumber) + "\n").join("");
    }
    return selections.filter(s => !s.isEmpty()).map(s => model.getValueInRange(s)).join("\n");
  };
  for (const name of ["copy", "cut"]) {
    listen(container, name, () => host().Copied(selected()), true);
    listen(container, name, e => {
      const text = e.clipboardData?.getData("text/plain");
      if (text) host().Copied(text);
    }, false);
  }

  // Every paste into the model, however it came (keyboard, menu, a paste event): the clipboard's text
  // when a paste event brought it, otherwise what landed in the model.
  let clipboardText = null;
  listen(container, "paste", e => {
    clipboardText = e.clipboardData?.getData("text/plain") ?? null;
    setTimeout(() => { clipboardText = null; }, 0); // Monaco pastes within the event, or not at all
  }, true);
  const pasted = editor.onDidPaste(e => {
    const text = clipboardText ?? model.getValueInRange(e.range);
    clipboardText = null;
    host().Pasted(text);
  });
  cleanups.push(() => pasted.dispose());

  // Hidden or left; back. C# pairs them: one blur per absence, then one focus.
  const presence = () => setTimeout(() => host().Presence(document.visibilityState === "visible" && document.hasFocus()), 0);
  listen(document, "visibilitychange", presence, false);
  listen(window, "blur", presence, false);
  listen(window, "focus", presence, false);
  stop = () => cleanups.forEach(cleanup => cleanup());
}

export function unwatch() {
  if (stop) stop();
  stop = null;
}
