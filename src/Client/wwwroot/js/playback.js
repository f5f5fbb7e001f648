// The playback page's read-only Monaco editor (docs/protocol.md, "Recording and playback"): the text of
// the chosen moment, each author's characters tinted with their colour. Called from Playback/PlaybackView.cs.
const editors = new Map();
let styles = null;

export function open(id, language, theme) {
  const element = document.getElementById(id);
  if (!element || editors.has(id)) return;
  const editor = monaco.editor.create(element, {
    value: "", language, theme, readOnly: true, automaticLayout: true, fontSize: 14,
    minimap: { enabled: false }, scrollBeyondLastLine: false, wordWrap: "on", domReadOnly: true,
  });
  editors.set(id, { editor, decorations: [] });
}

// authors: JSON [[index, "#rrggbb"], ...]; each gets a class .pb-author-{index}.
export function colours(authors) {
  styles ??= document.head.appendChild(document.createElement("style"));
  styles.textContent = JSON.parse(authors)
    .map(([index, colour]) => `.pb-author-${index} { background-color: ${colour}33; border-bottom: 2px solid ${colour}; }`)
    .join("\n");
}

// runs: [length, author, length, author, ...] over the text, author -1 for the session's initial code.
export function show(id, text, language, runs) {
  const entry = editors.get(id);
  if (!entry) return;
  const model = entry.editor.getModel();
  if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
  if (model.getValue() !== text) model.setValue(text);
  const decorations = [];
  let offset = 0;
  for (let i = 0; i < runs.length; i += 2) {
    const [length, author] = [runs[i], runs[i + 1]];
    if (author >= 0) {
      const start = model.getPositionAt(offset), end = model.getPositionAt(offset + length);
      decorations.push({ range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column), options: { inlineClassName: `pb-author-${author}` } });
    }
    offset += length;
  }
  entry.decorations = entry.editor.deltaDecorations(entry.decorations, decorations);
}

export function text(id) {
  return editors.get(id)?.editor.getValue() ?? "";
}

export function width(id) {
  return document.getElementById(id)?.getBoundingClientRect().width ?? 0;
}

export function left(id) {
  return document.getElementById(id)?.getBoundingClientRect().left ?? 0;
}

export function close(id) {
  editors.get(id)?.editor.dispose();
  editors.delete(id);
}
