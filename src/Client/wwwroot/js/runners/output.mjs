// The 10 KB output limit, kept inside the worker: a program printing forever cannot flood the page.
// Text up to the limit goes to the page as it is written (so a run cut off by its timeout still shows
// what it printed); past the limit, bytes are only counted. The measure is the server's (Limits in
// Interview.Shared, checked against the same vectors in tests/Shared.Tests/output-limit-vectors.json):
// UTF-8 bytes, and for a list of entries (console logs) the entries joined by one '\n' each.
export const MAX_OUTPUT_BYTES = 10 * 1024;
const encoder = new TextEncoder();

export class OutputStream {
  constructor(name, post, { entries = false } = {}) {
    this.name = name;
    this.post = post;
    this.entries = entries; // each write is one entry of a list, and entries after the first cost their '\n'
    this.written = 0;
    this.used = 0;
    this.dropped = 0;
  }

  write(text) {
    if (!text && !this.entries) return;
    const separator = this.entries && this.written > 0 ? 1 : 0;
    const bytes = encoder.encode(text);
    if (this.used + separator >= MAX_OUTPUT_BYTES && bytes.length + separator > 0) {
      this.dropped += bytes.length + separator;
      this.used = MAX_OUTPUT_BYTES;
      return;
    }
    let kept = text;
    if (this.used + separator + bytes.length > MAX_OUTPUT_BYTES) {
      const room = MAX_OUTPUT_BYTES - this.used - separator;
      kept = new TextDecoder().decode(bytes.subarray(0, room)).replace(/\uFFFD$/, '');
      this.dropped += bytes.length - encoder.encode(kept).length;
      this.used = MAX_OUTPUT_BYTES;
    } else {
      this.used += separator + bytes.length;
    }
    this.written++;
    this.post({ type: 'output', stream: this.name, text: kept });
  }
}

/**
 * How a value reads in the output panel: a returned string as it is, undefined as nothing, everything
 * else much as a console shows it. `top` is for console arguments, where undefined reads "undefined".
 */
export function describe(value, { top = false } = {}, depth = 0, seen = new Set()) {
  switch (typeof value) {
    case 'string': return depth === 0 ? value : JSON.stringify(value);
    case 'undefined': return depth === 0 && !top ? '' : 'undefined';
    case 'function': return `[Function ${value.name || '(anonymous)'}]`;
    case 'bigint': return `${value}n`;
    case 'symbol': return value.toString();
    case 'object': break;
    default: return String(value);
  }
  if (value === null) return 'null';
  if (value instanceof Error) return value.stack || `${value.name}: ${value.message}`;
  if (seen.has(value)) return '[Circular]';
  if (depth > 4) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map(item => describe(item, {}, depth + 1, seen)).join(', ')}]`;
    if (value instanceof Map) return `Map(${value.size}) {${[...value].map(([k, v]) => `${describe(k, {}, depth + 1, seen)} => ${describe(v, {}, depth + 1, seen)}`).join(', ')}}`;
    if (value instanceof Set) return `Set(${value.size}) {${[...value].map(item => describe(item, {}, depth + 1, seen)).join(', ')}}`;
    if (value instanceof Date) return value.toISOString();
    const entries = Object.entries(value).map(([key, item]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${describe(item, {}, depth + 1, seen)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  } finally {
    seen.delete(value);
  }
}
