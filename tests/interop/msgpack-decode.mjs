// Decodes a file of concatenated MessagePack values (written by the C# tests) with the official
// implementation's decodeMulti and prints them as one JSON array on stdout.
// JSON cannot hold every MessagePack value, so these are tagged objects:
//   64-bit integers (decoded as bigint)  -> {"$bigint": "<decimal digits>"}
//   NaN, Infinity, -Infinity, -0         -> {"$float": "NaN" | "Infinity" | "-Infinity" | "-0"}
//   bin (Uint8Array)                     -> {"$bin": "<lowercase hex>"}
//   timestamp (Date)                     -> {"$date": "<ISO 8601, milliseconds>"}
//   other extensions                     -> {"$ext": <type>, "hex": "<lowercase hex>"}
// Usage: node msgpack-decode.mjs <file>
import { readFileSync } from 'node:fs';
import { decodeMulti, ExtData } from '@msgpack/msgpack';

function toJson(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $float: 'NaN' };
    if (value === Infinity) return { $float: 'Infinity' };
    if (value === -Infinity) return { $float: '-Infinity' };
    if (Object.is(value, -0)) return { $float: '-0' };
    return value;
  }
  if (value instanceof Uint8Array) return { $bin: Buffer.from(value).toString('hex') };
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof ExtData) return { $ext: value.type, hex: Buffer.from(value.data).toString('hex') };
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node msgpack-decode.mjs <file>');
  process.exit(2);
}
const values = [];
for (const value of decodeMulti(readFileSync(file), { useBigInt64: true })) {
  values.push(toJson(value));
}
process.stdout.write(JSON.stringify(values));
