// Reads Arrow IPC files or streams (tableFromIPC tells them apart; LZ4_FRAME and ZSTD bodies through
// arrow-codecs.mjs) with apache-arrow, the official JavaScript implementation, and prints them as one JSON
// object keyed by path (see arrow-json.mjs), for the C# writer tests. A file that fails to read maps to { "error": message }.
// Usage: node arrow-read.mjs <path> [<path> ...]
import './arrow-codecs.mjs';
import { readFileSync } from 'node:fs';
import { tableFromIPC, makeVector } from 'apache-arrow';
import { describeTable, setMakeVector } from './arrow-json.mjs';

setMakeVector(makeVector);
const paths = process.argv.slice(2);
if (paths.length === 0) throw new Error('usage: node arrow-read.mjs <path> [<path> ...]');
const result = {};
for (const path of paths) {
  try {
    result[path] = describeTable(tableFromIPC(readFileSync(path)));
  } catch (e) {
    result[path] = { error: String(e?.stack ?? e) };
  }
}
process.stdout.write(JSON.stringify(result));
