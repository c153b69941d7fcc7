// Encodes a fixed list of JavaScript values with the official implementation and writes them,
// concatenated, to a file that the C# tests read back value by value. Prints the case names as a JSON
// array so the C# side can check it is reading the cases in the order it expects.
// Usage: node msgpack-encode.mjs <file>
import { writeFileSync } from 'node:fs';
import { encode } from '@msgpack/msgpack';

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

const cases = [
  ['int 0', 0],
  ['int 127', 127],
  ['int 128', 128],
  ['int 255', 255],
  ['int 256', 256],
  ['int 65535', 65535],
  ['int 65536', 65536],
  ['int -1', -1],
  ['int -32', -32],
  ['int -33', -33],
  ['int -128', -128],
  ['int -129', -129],
  ['int -32768', -32768],
  ['int -32769', -32769],
  ['int min', -2147483648],
  ['int max', 2147483647],
  ['long 4294967295', 4294967295],
  ['long 4294967296', 4294967296],
  ['long -2147483649', -2147483649],
  ['long max safe', Number.MAX_SAFE_INTEGER],
  ['long min safe', Number.MIN_SAFE_INTEGER],
  // With useBigInt64 the encoder keeps int64/uint64 for bigints and writes other numbers beyond 32 bits as float64.
  ['long as float64', 4294967296, { useBigInt64: true }],
  ['long max', 9223372036854775807n],
  ['long min', -9223372036854775808n],
  ['ulong max', 18446744073709551615n],
  ['double 1.5', 1.5],
  ['double 0.1', 0.1],
  ['double tiny', -2.5e-300],
  ['double huge', 1e300],
  ['double NaN', NaN],
  ['double Infinity', Infinity],
  ['double -Infinity', -Infinity],
  ['double whole', 3],
  ['string empty', ''],
  ['string a', 'a'],
  ['string unicode', 'héllo wörld 世界 🎉'],
  ['string 31', 'x'.repeat(31)],
  ['string 32', 'x'.repeat(32)],
  ['string 300', 'y'.repeat(300)],
  ['string 70000', 'z'.repeat(70000)],
  ['bool true', true],
  ['bool false', false],
  ['nil', null],
  ['bin 3', new Uint8Array([1, 2, 3])],
  ['bin 300', Uint8Array.from(range(300, (i) => i % 256))],
  ['array empty', []],
  ['array ints', [1, 2, 3]],
  ['array 20 longs', range(20, (i) => i * 1000)],
  ['array doubles', [1.5, 2, NaN]],
  ['array strings', ['a', null, 'c']],
  ['map', { a: 1, b: 2 }],
  ['map empty', {}],
  ['map 20', Object.fromEntries(range(20, (i) => [`k${i}`, i]))],
  ['map of lists', { k: [1, 2] }],
  ['date', new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))],
  ['date epoch', new Date(0)],
  ['date before epoch', new Date(-1)],
  ['date 2500', new Date(Date.UTC(2500, 0, 1))],
  ['date min', new Date('0001-01-01T00:00:00.000Z')],
  ['record', ['Ann', 42]],
  ['nested tuple', [1, 'x', [2.5, true]]],
  ['option some', [5]],
  ['option none', null],
  ['jagged', [[1, 2], [3]]],
  ['decimal', '1.50'],
];

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node msgpack-encode.mjs <file>');
  process.exit(2);
}
// bigints need useBigInt64; plain numbers use the default options, so large integers get int64/uint64.
const options = (value) => (typeof value === 'bigint' ? { useBigInt64: true } : {});
writeFileSync(file, Buffer.concat(cases.map(([, value, opts]) => encode(value, opts ?? options(value)))));
process.stdout.write(JSON.stringify(cases.map(([name]) => name)));
