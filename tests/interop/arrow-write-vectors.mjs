// Writes Arrow IPC files holding ML vectors the way Rdd.MlLib stores them (Spark's VectorUDT layout:
// struct<type: int8, size: int32, indices: list<int32>, values: list<double>>, marked with Arrow's extension
// metadata) with apache-arrow, the official JavaScript implementation, for the C# reader tests: a good file
// and one whose sparse vector has indices out of order. Usage: node arrow-write-vectors.mjs <output directory>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Table, Field, Struct, Int8, Int32, Float64, List, makeData, makeVector, vectorFromArray, tableToIPC, RecordBatch, Schema,
} from 'apache-arrow';

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node arrow-write-vectors.mjs <output directory>');

const element = (type) => new Field('element', type, false);
const vectorType = new Struct([
  new Field('type', new Int8(), false),
  new Field('size', new Int32(), true),
  new Field('indices', new List(element(new Int32())), true),
  new Field('values', new List(element(new Float64())), true),
]);
const extension = new Map([
  ['ARROW:extension:name', 'rdd.ml.vector'],
  ['ARROW:extension:metadata', 'Rdd.MlLib.VectorType, Rdd.MlLib'],
]);

// rows: null, or { type, size, indices, values } with null for absent fields.
function vectors(rows) {
  const valid = (pick) => rows.map((r) => r !== null && pick(r) !== null);
  const bitmap = (flags) => {
    const bits = new Uint8Array(Math.ceil(flags.length / 8));
    flags.forEach((ok, i) => { if (ok) bits[i >> 3] |= 1 << (i & 7); });
    return bits;
  };
  const column = (pick, type) => vectorFromArray(rows.map((r) => (r === null ? null : pick(r))), type).data[0];
  const children = [
    column((r) => r.type, new Int8()),
    column((r) => r.size, new Int32()),
    column((r) => r.indices, new List(element(new Int32()))),
    column((r) => r.values, new List(element(new Float64()))),
  ];
  const present = rows.map((r) => r !== null);
  return makeVector(makeData({
    type: vectorType, length: rows.length, nullCount: present.filter((p) => !p).length,
    nullBitmap: bitmap(present), children,
  }));
}

function write(name, rows) {
  const ids = vectorFromArray(rows.map((_, i) => i), new Int32());
  const features = vectors(rows);
  const schema = new Schema([new Field('id', new Int32(), false), new Field('features', vectorType, true, extension)]);
  const batch = new RecordBatch(schema, makeData({
    type: new Struct(schema.fields), length: rows.length, nullCount: 0, children: [ids.data[0], features.data[0]],
  }));
  writeFileSync(join(outDir, name), tableToIPC(new Table(schema, [batch]), 'file'));
}

write('vectors.arrow', [
  { type: 1, size: null, indices: null, values: [0.5, -1.5, 2] },
  { type: 0, size: 6, indices: [0, 4], values: [1, 3.25] },
  null,
  { type: 0, size: 2, indices: [], values: [] },
]);
write('bad-vectors.arrow', [
  { type: 1, size: null, indices: null, values: [1] },
  { type: 0, size: 4, indices: [3, 1], values: [1, 2] },
]);
process.stdout.write('ok');
