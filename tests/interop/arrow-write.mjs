// Writes Arrow IPC files and streams with apache-arrow (the official JavaScript implementation) for Rdd's
// Read.Arrow to check: every type Rdd.Sql reads (signed and unsigned integers, float16, utf8 and large_utf8,
// binary and large_binary, date32 and date64, timestamps of every unit with and without zones, dictionaries with
// int8 and int32 indices), with nulls, in several batches including a zero-row one; an empty table; a legacy
// (pre-0.15) stream; columns Rdd.Sql has no type for (refused by name); a uint64 beyond bigint; and the same
// table with LZ4_FRAME and ZSTD bodies (see arrow-codecs.mjs). Prints a JSON description of each table as
// JavaScript sees it (see arrow-json.mjs).  Usage: node arrow-write.mjs <output directory>
import './arrow-codecs.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Table, RecordBatch, Schema, Field, Struct, makeData, makeVector, vectorFromArray, tableToIPC,
  RecordBatchStreamWriter, RecordBatchFileWriter, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64, Float16,
  Float32, Float64, Bool, Utf8, LargeUtf8, Binary, LargeBinary, DateDay, DateMillisecond, Timestamp, TimeUnit,
  Dictionary, List, FixedSizeList, TimeMillisecond, CompressionType, Decimal,
} from 'apache-arrow';
import { describeTable, setMakeVector } from './arrow-json.mjs';

setMakeVector(makeVector);
const outDir = process.argv[2];
if (!outDir) throw new Error('usage: node arrow-write.mjs <output directory>');

// Timestamps are built from raw int64 values: apache-arrow's builders take milliseconds for every unit.
function timestamps(unit, timezone, values) {
  const valid = values.map((v) => v !== null);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  valid.forEach((ok, i) => { if (ok) bitmap[i >> 3] |= 1 << (i & 7); });
  return makeVector(makeData({
    type: new Timestamp(unit, timezone),
    length: values.length,
    nullCount: valid.filter((ok) => !ok).length,
    nullBitmap: bitmap,
    data: BigInt64Array.from(values, (v) => v ?? 0n),
  }));
}

const columns = {
  i8: vectorFromArray([1, -128, null, 127, 0, null, -1], new Int8()),
  i16: vectorFromArray([1000, -32768, null, 32767, 0, null, -1], new Int16()),
  i32: vectorFromArray([100000, -2147483648, null, 2147483647, 0, null, -1], new Int32()),
  i64: vectorFromArray([1n, -9223372036854775808n, null, 9223372036854775807n, 0n, null, -1n], new Int64()),
  u8: vectorFromArray([1, 255, null, 0, 7, null, 128], new Uint8()),
  u16: vectorFromArray([1, 65535, null, 0, 7, null, 32768], new Uint16()),
  u32: vectorFromArray([1, 4294967295, null, 0, 7, null, 2147483648], new Uint32()),
  u64: vectorFromArray([1n, 9223372036854775807n, null, 0n, 7n, null, 4294967296n], new Uint64()),
  f16: vectorFromArray([1.5, -0.25, null, 65504, 0, null, -2], new Float16()),
  f32: vectorFromArray([1.5, -0.25, null, 3.375, 0, null, -1e10], new Float32()),
  f64: vectorFromArray([1.5, -0.1, null, 1e300, 0, null, -2.5e-300], new Float64()),
  bool: vectorFromArray([true, false, null, true, false, null, true], new Bool()),
  utf8: vectorFromArray(['a', '', null, 'héllo wörld €', 'x'.repeat(40), null, '漢字'], new Utf8()),
  large_utf8: vectorFromArray([null, 'large', '', 'wörld', null, 'z', 'ü'], new LargeUtf8()),
  binary: vectorFromArray([Uint8Array.of(1, 2, 3), Uint8Array.of(), null, Uint8Array.of(255), Uint8Array.of(0, 0), null, Uint8Array.of(9)], new Binary()),
  large_binary: vectorFromArray([Uint8Array.of(7), null, Uint8Array.of(), Uint8Array.of(1, 1), null, Uint8Array.of(2), Uint8Array.of(3)], new LargeBinary()),
  date32: vectorFromArray([new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(1969, 11, 31)), null, new Date(0), new Date(Date.UTC(2000, 0, 1)), null, new Date(Date.UTC(1900, 0, 1))], new DateDay()),
  date64: vectorFromArray([new Date(Date.UTC(2024, 1, 29)), null, new Date(Date.UTC(1969, 11, 31)), new Date(0), null, new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(1900, 0, 1))], new DateMillisecond()),
  ts_ms_utc: timestamps(TimeUnit.MILLISECOND, 'UTC', [1709164800123n, -1n, null, 0n, 946684800000n, null, 253402300799999n]),
  ts_us: timestamps(TimeUnit.MICROSECOND, null, [1709164800123456n, -1n, null, 0n, 1n, null, 2n]),
  ts_s_paris: timestamps(TimeUnit.SECOND, 'Europe/Paris', [1709164800n, -86400n, null, 0n, 1n, null, 2n]),
  ts_ns: timestamps(TimeUnit.NANOSECOND, null, [1709164800123456789n, -1n, null, 0n, 1n, null, 2n]),
  ts_ns_offset: timestamps(TimeUnit.NANOSECOND, '+07:30', [1500n, -1500n, null, 0n, 999n, null, -1000n]),
  dict: vectorFromArray(['red', 'green', null, 'red', 'blue', null, 'green'], new Dictionary(new Utf8(), new Int32())),
  dict8: vectorFromArray([null, 'x', 'y', 'x', null, 'y', 'y'], new Dictionary(new Utf8(), new Int8())),
};

// Three batches over the same column data (so one dictionary serves them all): 4 rows, 0 rows, 3 rows.
function batches(cols) {
  const full = new Table(cols);
  const schema = full.schema;
  const batch = (offset, length) => new RecordBatch(schema, makeData({
    type: new Struct(schema.fields),
    length,
    nullCount: 0,
    children: schema.fields.map((_, i) => full.getChildAt(i).data[0].slice(offset, length)),
  }));
  return new Table(schema, [batch(0, 4), batch(4, 0), batch(4, 3)]);
}

const table = batches(columns);
const emptySchema = new Schema([new Field('id', new Int32(), false), new Field('name', new Utf8(), true)]);
const empty = new Table(emptySchema);

const item = () => new Field('item', new Float64(), true);
const unsupported = new Table({
  id: vectorFromArray([1, 2, 3], new Int32()),
  list: vectorFromArray([[1.5, 2.5], null, []], new List(item())),
  fsl: vectorFromArray([[1, 2, 3], null, [4, 5, 6]], new FixedSizeList(3, item())),
  time: vectorFromArray([1000, null, 2000], new TimeMillisecond()),
});
const structType = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
const structs = new Table({
  id: vectorFromArray([1, 2], new Int32()),
  struct: vectorFromArray([{ a: 1, b: 'x' }, null], structType),
});
// Decimals are built from raw 128-bit two's complement words (apache-arrow has no decimal builder from numbers).
function decimals(precision, scale, values) {
  const words = new Uint32Array(values.length * 4);
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  values.forEach((v, i) => {
    if (v === null) return;
    bitmap[i >> 3] |= 1 << (i & 7);
    let u = BigInt.asUintN(128, v);
    for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(u & 0xFFFFFFFFn); u >>= 32n; }
  });
  return makeVector(makeData({
    type: new Decimal(scale, precision, 128),
    length: values.length,
    nullCount: values.filter((v) => v === null).length,
    nullBitmap: bitmap,
    data: words,
  }));
}
// Nested types and decimals (Rdd.Sql's array, struct and decimal columns): a list of structs, a struct of a list and
// a struct, a list of lists, decimals of two precisions with negative values and nulls.
const point = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
const outer = new Struct([
  new Field('l', new List(new Field('item', new Float64(), true)), true),
  new Field('s', new Struct([new Field('x', new Int32(), true)]), true),
]);
const nested = new Table({
  id: vectorFromArray([1, 2, 3], new Int32()),
  points: vectorFromArray([[{ a: 1, b: 'p' }, null, { a: null, b: 'q' }], null, []], new List(new Field('item', point, true))),
  outer: vectorFromArray([{ l: [1.5, null], s: { x: 7 } }, { l: null, s: null }, null], outer),
  grid: vectorFromArray([[[1, 2], [], null], [[3]], null], new List(new Field('item', new List(new Field('item', new Int32(), true)), true))),
  dec: decimals(10, 2, [12345n, -1n, null]),
  dec38: decimals(38, 10, [-(10n ** 37n) + 1n, 0n, 5n]),
});
const overflow = new Table({
  id: vectorFromArray([0, 1, 2, 3, 4, 5], new Int32()),
  u64: vectorFromArray([0n, 1n, 2n, 3n, 4n, 18446744073709551615n], new Uint64()),
});

writeFileSync(join(outDir, 'all-types.arrow'), tableToIPC(table, 'file'));
writeFileSync(join(outDir, 'all-types.arrows'), tableToIPC(table, 'stream'));
writeFileSync(join(outDir, 'empty.arrow'), tableToIPC(empty, 'file'));
writeFileSync(join(outDir, 'empty.arrows'), tableToIPC(empty, 'stream'));
const legacy = new RecordBatchStreamWriter({ writeLegacyIpcFormat: true });
legacy.writeAll(table);
writeFileSync(join(outDir, 'legacy.arrows'), legacy.toUint8Array(true));
writeFileSync(join(outDir, 'unsupported.arrow'), tableToIPC(unsupported, 'file'));
writeFileSync(join(outDir, 'struct.arrow'), tableToIPC(structs, 'file'));
writeFileSync(join(outDir, 'u64-overflow.arrow'), tableToIPC(overflow, 'file'));
writeFileSync(join(outDir, 'nested.arrow'), tableToIPC(nested, 'file'));
writeFileSync(join(outDir, 'nested.arrows'), tableToIPC(nested, 'stream'));
for (const [name, compressionType] of [['lz4', CompressionType.LZ4_FRAME], ['zstd', CompressionType.ZSTD]]) {
  const file = new RecordBatchFileWriter({ compressionType });
  file.writeAll(table);
  writeFileSync(join(outDir, `all-types-${name}.arrow`), file.toUint8Array(true));
}

process.stdout.write(JSON.stringify({ allTypes: describeTable(table), empty: describeTable(empty) }));
