// The 10 KB output limit. The worker cuts as a program prints, so a program printing forever cannot
// flood the page: text up to the limit goes to the page as it is written (a run cut off by its timeout
// still shows what it printed), and past the limit bytes are only counted. The page cuts again whatever
// a worker sends (run-result.mjs), with this same class on its own thread, which user code cannot touch.
// The measure is the server's (Limits in Interview.Shared, checked against the same vectors in
// tests/Shared.Tests/OutputLimit): UTF-8 bytes, and for a list of entries (console logs) the entries
// joined by one '\n' each.
//
// In a worker, user code may replace any built-in once it runs: String.prototype's methods, TextEncoder,
// Reflect.apply, Function.prototype.call, the typed arrays' length. So the measure calls only functions
// bound here, as the module loads, before any user code, and counts bytes itself; and the class is
// frozen, since a program can import this very module and would otherwise replace its write().
export const MAX_OUTPUT_BYTES = 10 * 1024;

const codeUnitAt = Function.prototype.call.bind(String.prototype.charCodeAt);
const sliceOf = Function.prototype.call.bind(String.prototype.slice);

/**
 * Of text from code unit `from`, the longest stretch within `room` bytes of UTF-8 that cuts no character:
 * where it ends and its bytes. A surrogate pair is one 4-byte character; a lone surrogate is written as
 * U+FFFD, 3 bytes, as TextEncoder and the server count it.
 */
function fit(text, from, room) {
  let bytes = 0;
  let at = from;
  while (at < text.length) {
    const unit = codeUnitAt(text, at);
    let size = 1;
    let units = 1;
    if (unit >= 0x800) {
      const low = at + 1 < text.length ? codeUnitAt(text, at + 1) : 0;
      if (unit >= 0xD800 && unit <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF) {
        size = 4;
        units = 2;
      } else {
        size = 3;
      }
    } else if (unit >= 0x80) {
      size = 2;
    }
    if (bytes + size > room) break;
    bytes += size;
    at += units;
  }
  return { end: at, bytes };
}

/** A text's size in UTF-8 bytes, by the measure above. */
export const utf8Bytes = text => fit(text, 0, Infinity).bytes;

export class OutputStream {
  // Fields, not assignments: a setter a program put on Object.prototype cannot catch them.
  name;
  post;
  entries; // each write is one entry of a list, and entries after the first cost their '\n'
  written = 0;
  used = 0;
  dropped = 0;

  constructor(name, post, { entries = false } = {}) {
    this.name = name;
    this.post = post;
    this.entries = entries === true;
  }

  write(text) {
    if (typeof text !== 'string' || (!text && !this.entries)) return;
    const separator = this.entries && this.written > 0 ? 1 : 0;
    if (this.used + separator >= MAX_OUTPUT_BYTES) {
      this.dropped += utf8Bytes(text) + separator;
      this.used = MAX_OUTPUT_BYTES;
      return;
    }
    const { end, bytes } = fit(text, 0, MAX_OUTPUT_BYTES - this.used - separator);
    let kept = text;
    if (end < text.length) {
      kept = sliceOf(text, 0, end);
      this.dropped += fit(text, end, Infinity).bytes;
      this.used = MAX_OUTPUT_BYTES;
    } else {
      this.used += separator + bytes;
    }
    this.written++;
    this.post({ type: 'output', stream: this.name, text: kept });
  }
}
Object.freeze(OutputStream.prototype);
Object.freeze(OutputStream);

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
