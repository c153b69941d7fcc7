// Reads a file of raw blocks (spill runs, shuffle segments, cache blocks of unmanaged records, written by the
// C# tests) with the official implementation's decodeMulti: each value must be an extension value of type 2
// whose payload is the records' memory, little-endian. The record layout is given as a comma-separated list
// of field kinds (i64, f64, i32, f32), e.g. "i64,f64" for (long, double). Prints one JSON array:
// [{"records": [[field, ...], ...]}, ...] per block, 64-bit integers as decimal strings, doubles as numbers
// (NaN and infinities as strings).
// Usage: node msgpack-raw-block.mjs <file> <layout>
import { readFileSync } from 'node:fs';
import { decodeMulti, ExtData } from '@msgpack/msgpack';

const sizes = { i64: 8, f64: 8, i32: 4, f32: 4 };
const [file, layoutText] = process.argv.slice(2);
if (!file || !layoutText) {
  console.error('usage: node msgpack-raw-block.mjs <file> <layout>');
  process.exit(2);
}
const layout = layoutText.split(',');
const recordSize = layout.reduce((total, kind) => total + sizes[kind], 0);
const number = (value) => (Number.isFinite(value) ? value : String(value));

const blocks = [];
for (const value of decodeMulti(readFileSync(file))) {
  if (!(value instanceof ExtData) || value.type !== 2) throw new Error(`not a raw block: ${JSON.stringify(value)}`);
  const data = value.data;
  if (data.length % recordSize !== 0) throw new Error(`a block of ${data.length} bytes is not whole ${recordSize}-byte records`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records = [];
  for (let offset = 0; offset < data.length; offset += recordSize) {
    const record = [];
    let at = offset;
    for (const kind of layout) {
      if (kind === 'i64') record.push(view.getBigInt64(at, true).toString());
      else if (kind === 'f64') record.push(number(view.getFloat64(at, true)));
      else if (kind === 'i32') record.push(view.getInt32(at, true));
      else record.push(number(view.getFloat32(at, true)));
      at += sizes[kind];
    }
    records.push(record);
  }
  if (layoutText === 'i64,f64') {
    // Cross-check with typed arrays over a copy of the payload (a copy starts 8-byte aligned): keys at even,
    // values at odd 8-byte slots.
    const aligned = new Uint8Array(data).buffer;
    const longs = new BigInt64Array(aligned);
    const doubles = new Float64Array(aligned);
    records.forEach((record, i) => {
      if (longs[2 * i].toString() !== record[0] || number(doubles[2 * i + 1]) !== record[1]) throw new Error(`typed arrays disagree at record ${i}`);
    });
  }
  blocks.push({ records });
}
process.stdout.write(JSON.stringify(blocks));
