// Writes Arrow IPC files and streams with apache-arrow (the official JavaScript implementation) for the
// C# reader to check: every type Rdd.Sql supports, with nulls, several batches including a zero-row one,
// an empty table, and a legacy (pre-0.15) stream. Prints a JSON description of each table as JavaScript
// sees it (see arrow-json.mjs).  Usage: node arrow-write.mjs <output directory>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Table, RecordBatch, Schema, Field, Struct, makeData, makeVector, vectorFromArray, tableToIPC,
  RecordBatchStreamWriter, Int8, Int16, Int32, Int64, Uint8, Uint16, Uint32, Uint64, Float32, Float64,
  Bool, Utf8, Binary, DateDay, Timestamp, TimeUnit, Dictionary, List, FixedSizeList,
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

const item = () => new Field('item', new Float64(), true);
const columns = {
  i8: vectorFromArray([1, -128, null, 127, 0, null, -1], new Int8()),
  i16: vectorFromArray([1000, -32768, null, 32767, 0, null, -1], new Int16()),
  i32: vectorFromArray([100000, -2147483648, null, 2147483647, 0, null, -1], new Int32()),
  i64: vectorFromArray([1n, -9223372036854775808n, null, 9223372036854775807n, 0n, null, -1n], new Int64()),
  u8: vectorFromArray([1, 255, null, 0, 7, null, 128], new Uint8()),
  u16: vectorFromArray([1, 65535, null, 0, 7, null, 32768], new Uint16()),
  u32: vectorFromArray([1, 4294967295, null, 0, 7, null, 2147483648], new Uint32()),
  u64: vectorFromArray([1n, 18446744073709551615n, null, 0n, 7n, null, 9223372036854775808n], new Uint64()),
  f32: vectorFromArray([1.5, -0.25, null, 3.375, 0, null, -1e10], new Float32()),
  f64: vectorFromArray([1.5, -0.1, null, 1e300, 0, null, -2.5e-300], new Float64()),
  bool: vectorFromArray([true, false, null, true, false, null, true], new Bool()),
  utf8: vectorFromArray(['a', '', null, 'héllo wörld €', 'x'.repeat(40), null, '漢字'], new Utf8()),
  binary: vectorFromArray([Uint8Array.of(1, 2, 3), Uint8Array.of(), null, Uint8Array.of(255), Uint8Array.of(0, 0), null, Uint8Array.of(9)], new Binary()),
  date32: vectorFromArray([new Date(Date.UTC(2024, 1, 29)), new Date(Date.UTC(1969, 11, 31)), null, new Date(0), new Date(Date.UTC(2000, 0, 1)), null, new Date(Date.UTC(1900, 0, 1))], new DateDay()),
  ts_ms_utc: timestamps(TimeUnit.MILLISECOND, 'UTC', [1709164800123n, -1n, null, 0n, 946684800000n, null, 253402300799999n]),
  ts_us: timestamps(TimeUnit.MICROSECOND, null, [1709164800123456n, -1n, null, 0n, 1n, null, 2n]),
  ts_s_paris: timestamps(TimeUnit.SECOND, 'Europe/Paris', [1709164800n, -86400n, null, 0n, 1n, null, 2n]),
  ts_ns: timestamps(TimeUnit.NANOSECOND, null, [1709164800123456789n, -1n, null, 0n, 1n, null, 2n]),
  dict: vectorFromArray(['red', 'green', null, 'red', 'blue', null, 'green'], new Dictionary(new Utf8(), new Int32())),
  list: vectorFromArray([[1.5, 2.5], [], null, [3], [4, 5, 6], null, [-0.5]], new List(item())),
  fsl: vectorFromArray([[1, 2, 3], [4, 5, 6], null, [7, 8, 9], [0, 0, 0], null, [-1, -2, -3]], new FixedSizeList(3, item())),
};

const full = new Table(columns);
const schema = full.schema;
// Three batches over the same column data (so one dictionary serves them all): 4 rows, 0 rows, 3 rows.
const batch = (offset, length) => new RecordBatch(schema, makeData({
  type: new Struct(schema.fields),
  length,
  nullCount: 0,
  children: schema.fields.map((_, i) => full.getChildAt(i).data[0].slice(offset, length)),
}));
const table = new Table(schema, [batch(0, 4), batch(4, 0), batch(4, 3)]);

const emptySchema = new Schema([new Field('id', new Int32(), false), new Field('name', new Utf8(), true)]);
const empty = new Table(emptySchema);

writeFileSync(join(outDir, 'all-types.arrow'), tableToIPC(table, 'file'));
writeFileSync(join(outDir, 'all-types.arrows'), tableToIPC(table, 'stream'));
writeFileSync(join(outDir, 'empty.arrow'), tableToIPC(empty, 'file'));
writeFileSync(join(outDir, 'empty.arrows'), tableToIPC(empty, 'stream'));
const legacy = new RecordBatchStreamWriter({ writeLegacyIpcFormat: true });
legacy.writeAll(table);
writeFileSync(join(outDir, 'legacy.arrows'), legacy.toUint8Array(true));

process.stdout.write(JSON.stringify({ allTypes: describeTable(table), empty: describeTable(empty) }));
