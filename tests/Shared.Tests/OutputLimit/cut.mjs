// Runs the browser runner's own OutputStream (src/Client/wwwroot/js/runners/output.mjs) over the vectors
// and prints what it kept: tests/Shared.Tests/OutputLimitTests measure that with the server's rule.
import { readFileSync } from 'node:fs';
import { OutputStream } from '../../../src/Client/wwwroot/js/runners/output.mjs';

const text = spec => {
  const sized = /^<(\d+)>$/.exec(spec);
  return sized ? 'z'.repeat(Number(sized[1])) : spec;
};

const vectors = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = vectors.map(vector => {
  const kept = [];
  const stream = new OutputStream('test', message => kept.push(message.text), { entries: vector.entries });
  for (const write of vector.writes) {
    for (let i = 0; i < write.count; i++) {
      stream.write(write.format ? write.format.replace('{i}', i) : text(write.text));
    }
  }
  return { name: vector.name, kept, dropped: stream.dropped };
});
process.stdout.write(JSON.stringify(results));
