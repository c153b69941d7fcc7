// Shared by arrow-write.mjs and arrow-read.mjs: describes an apache-arrow Table as plain JSON, so the C#
// tests can compare what they read (or wrote) with what the official JavaScript implementation sees.
// Value forms: numbers for 8-32 bit ints and floats, strings for 64-bit ints and timestamps (exact raw
// values, never converted to milliseconds), hex strings for binary, day numbers for date32, milliseconds (as
// strings) for date64, decoded
// strings for dictionaries, arrays for lists, objects for structs, unscaled integers (as strings) for decimals,
// null for nulls.
import { Type } from 'apache-arrow';

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function value(data, i) {
  const type = data.type;
  // apache-arrow slices values buffers eagerly (data.offset applies to the validity bitmap only).
  const at = i;
  switch (type.typeId) {
    case Type.Int:
      return type.bitWidth === 64 ? data.values[at].toString() : data.values[at];
    case Type.Float:
    case Type.Bool:
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Dictionary:
      return vectorGet(data, i);
    case Type.Binary:
    case Type.LargeBinary:
      return hex(vectorGet(data, i));
    case Type.Date: {
      // date32 days as numbers, date64 milliseconds (an int64) as a string.
      const v = data.values[at];
      return typeof v === 'bigint' ? v.toString() : v;
    }
    case Type.Timestamp:
      return data.values[at].toString();
    case Type.Decimal: {
      // The unscaled 128-bit two's complement value (four little-endian 32-bit words), as a string.
      let unscaled = 0n;
      for (let w = 3; w >= 0; w--) unscaled = (unscaled << 32n) | BigInt(data.values[at * 4 + w]);
      return BigInt.asIntN(128, unscaled).toString();
    }
    case Type.List:
    case Type.FixedSizeList:
      return [...vectorGet(data, i)];
    case Type.Struct:
      // Children line up with the struct's slots; a null child is null.
      return Object.fromEntries(type.children.map((f, j) => {
        const child = data.children[j];
        return [f.name, child.getValid(i) ? value(child, i) : null];
      }));
    default:
      throw new Error(`arrow-json.mjs cannot describe ${type}`);
  }
}

// Data has no element getter of its own; a one-chunk view provides it.
let makeVectorFn;
export function setMakeVector(fn) { makeVectorFn = fn; }
const vectorGet = (data, i) => makeVectorFn(data).get(i);

function column(vector) {
  const values = [];
  for (const data of vector.data) {
    for (let i = 0; i < data.length; i++) {
      values.push(data.getValid(i) ? value(data, i) : null);
    }
  }
  return values;
}

const metadata = (map) => Object.fromEntries(map ?? new Map());

export function describeTable(table) {
  return {
    numRows: table.numRows,
    batches: table.batches.map((b) => b.numRows),
    metadata: metadata(table.schema.metadata),
    fields: table.schema.fields.map((f, i) => ({
      name: f.name,
      type: String(f.type),
      nullable: f.nullable,
      metadata: metadata(f.metadata),
      values: column(table.getChildAt(i)),
    })),
  };
}
