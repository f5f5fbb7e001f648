// The browser half of the keystroke's path (docs/architecture.md, "The path of a keystroke"): Monaco's
// change events become operations handed synchronously to the C# OT client
// (Interview.Client.Editing.MonacoBridge), and operations from others are applied to the model outside
// the undo stack, without moving local cursors.
let exports;
const editors = new Map(); // editor id -> { editor, applyingRemote, listeners }

function find(id) {
  const entry = editors.get(id);
  if (!entry) throw new Error(`No collaborative editor ${id}`);
  return entry;
}

// One change event (its changes are relative to the text before the event) as ot.js's JSON form.
function toOperation(changes, lengthAfter) {
  const sorted = [...changes].sort((a, b) => a.rangeOffset - b.rangeOffset);
  let lengthBefore = lengthAfter;
  for (const c of sorted) lengthBefore += c.rangeLength - c.text.length;
  const op = [];
  let position = 0;
  for (const c of sorted) {
    if (c.rangeOffset > position) op.push(c.rangeOffset - position);
    if (c.text.length > 0) op.push(c.text);
    if (c.rangeLength > 0) op.push(-c.rangeLength);
    position = c.rangeOffset + c.rangeLength;
  }
  if (lengthBefore > position) op.push(lengthBefore - position);
  return op;
}

export async function attach(id) {
  if (!exports) {
    const runtime = await globalThis.getDotnetRuntime(0);
    exports = await runtime.getAssemblyExports("Interview.Client.dll");
  }
  const editor = monaco.editor.getEditors().find(e => e.getContainerDomNode().id === id || e.getContainerDomNode().parentElement?.id === id);
  if (!editor) throw new Error(`Monaco editor ${id} not found`);
  const entry = { editor, applyingRemote: false, listeners: [] };
  editors.set(id, entry);
  const model = editor.getModel();
  model.setEOL(monaco.editor.EndOfLineSequence.LF);
  entry.listeners.push(model.onDidChangeContent(e => {
    if (entry.applyingRemote) return;
    exports.Interview.Client.Editing.MonacoBridge.LocalChange(id, JSON.stringify(toOperation(e.changes, model.getValueLength())));
  }));
  const undo = () => exports.Interview.Client.Editing.MonacoBridge.Undo(id);
  const redo = () => exports.Interview.Client.Editing.MonacoBridge.Redo(id);
  // Actions, not commands: an action's keys are this editor's (addCommand's are the page's, and the last
  // editor to add them, the notes' on an interviewer's page, would take every Ctrl+Z).
  entry.listeners.push(editor.addAction({ id: "interview.undo", label: "Undo", keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyZ], run: undo }));
  entry.listeners.push(editor.addAction({
    id: "interview.redo", label: "Redo",
    keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.KeyZ, monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyY], run: redo,
  }));
  entry.listeners.push(editor.onDidChangeCursorSelection(() => {
    const selections = editor.getSelections().map(s => ({
      anchor: model.getOffsetAt(s.getSelectionStart().equals(s.getPosition()) ? s.getEndPosition() : s.getStartPosition()),
      head: model.getOffsetAt(s.getPosition()),
    }));
    exports.Interview.Client.Editing.MonacoBridge.SelectionChanged(id, JSON.stringify(selections));
  }));
  editor.updateOptions({ readOnly: false }); // every change from here on reaches the session
}

// The page has gone: nothing of its editor is kept here, and its editor tells C# nothing more.
export function detach(id) {
  const entry = editors.get(id);
  if (!entry) return;
  for (const listener of entry.listeners) listener.dispose();
  editors.delete(id);
  cursorDecorations.delete(id);
}

export function setText(id, text) {
  const entry = find(id);
  entry.applyingRemote = true;
  try { entry.editor.getModel().setValue(text); } finally { entry.applyingRemote = false; }
}

// Where an offset of the text before an operation ends up after it. A remote insert exactly at a local
// cursor leaves the cursor before it: Monaco would otherwise grow the empty selection over the inserted
// text, and the next keystroke would replace the partner's typing.
function transformIndex(ops, index) {
  let position = 0, result = index;
  for (const c of ops) {
    if (position > index) break;
    if (typeof c === "string") {
      if (position < index) result += c.length;
    } else if (c > 0) {
      position += c;
    } else {
      if (position < index) result -= Math.min(-c, index - position);
      position -= c;
    }
  }
  return result;
}

// Applies an operation (JSON) as one set of edits, in the coordinates of the text before it; the local
// selections are carried through it rather than left to Monaco's marker stickiness.
export function applyOperation(id, json) {
  const entry = find(id);
  const model = entry.editor.getModel();
  const ops = JSON.parse(json);
  const selections = entry.editor.getSelections().map(s => ({
    anchor: transformIndex(ops, model.getOffsetAt(s.getSelectionStart().equals(s.getPosition()) ? s.getEndPosition() : s.getStartPosition())),
    head: transformIndex(ops, model.getOffsetAt(s.getPosition())),
  }));
  const edits = [];
  let index = 0;
  let pending = null; // an insert waiting to merge with a following delete into one replacement
  const flush = () => { if (pending) { edits.push(pending); pending = null; } };
  const rangeOf = (start, end) => {
    const s = model.getPositionAt(start), e = model.getPositionAt(end);
    return new monaco.Range(s.lineNumber, s.column, e.lineNumber, e.column);
  };
  for (const c of ops) {
    if (typeof c === "string") {
      flush();
      pending = { range: rangeOf(index, index), text: c, forceMoveMarkers: false };
    } else if (c > 0) {
      flush();
      index += c;
    } else {
      if (pending) { pending.range = rangeOf(index, index - c); flush(); }
      else edits.push({ range: rangeOf(index, index - c), text: "" });
      index -= c;
    }
  }
  flush();
  entry.applyingRemote = true;
  try {
    model.applyEdits(edits);
    entry.editor.setSelections(selections.map(s => {
      const anchor = model.getPositionAt(s.anchor), head = model.getPositionAt(s.head);
      return new monaco.Selection(anchor.lineNumber, anchor.column, head.lineNumber, head.column);
    }));
  } finally { entry.applyingRemote = false; }
}

// Other participants' cursors and selections, in their colors, with a name label.
const cursorDecorations = new Map(); // editor id -> decoration ids
export function showCursors(id, json) {
  const entry = find(id);
  const model = entry.editor.getModel();
  const decorations = [];
  for (const user of JSON.parse(json)) {
    const cls = `remote-${user.slot}`;
    ensureStyle(cls, user.color, user.username);
    for (const s of user.selections) {
      const length = model.getValueLength();
      const head = model.getPositionAt(Math.min(s.head, length));
      const anchor = model.getPositionAt(Math.min(s.anchor, length));
      const range = monaco.Range.fromPositions(anchor, head);
      if (!range.isEmpty()) decorations.push({ range, options: { className: `${cls}-selection` } });
      decorations.push({
        range: monaco.Range.fromPositions(head, head),
        options: { beforeContentClassName: `${cls}-cursor`, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
      });
    }
  }
  cursorDecorations.set(id, entry.editor.deltaDecorations(cursorDecorations.get(id) ?? [], decorations));
}

const styled = new Set();
function ensureStyle(cls, color, name) {
  const key = `${cls}|${color}|${name}`;
  if (styled.has(key)) return;
  styled.add(key);
  const style = document.createElement("style");
  const label = JSON.stringify(name);
  style.textContent =
    `.${cls}-cursor { border-left: 2px solid ${color}; margin-left: -1px; position: relative; }` +
    `.${cls}-cursor::after { content: ${label}; position: absolute; top: -1.1em; left: -2px; font-size: 10px; line-height: 1.1em;` +
    ` padding: 0 3px; background: ${color}; color: #111; white-space: nowrap; pointer-events: none; z-index: 10; }` +
    `.${cls}-selection { background: ${color}44; }`;
  document.head.appendChild(style);
}
