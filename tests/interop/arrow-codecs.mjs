// Registers LZ4_FRAME and ZSTD with apache-arrow, which ships no codecs of its own: lz4js (pure JavaScript LZ4
// frames) and @bokuweb/zstd-wasm (zstd compiled to WebAssembly). Imported by the scripts that write or read
// compressed Arrow IPC bodies.
import { compressionRegistry, CompressionType } from 'apache-arrow';
import lz4 from 'lz4js';
import { init, compress, decompress } from '@bokuweb/zstd-wasm';

await init();
// Apache.Arrow (C#) writes an empty buffer of a compressed batch as its 8-byte length prefix (0) with no frame;
// apache-arrow hands that empty frame to the codec, so an empty input decodes to nothing.
const empty = new Uint8Array(0);
compressionRegistry.set(CompressionType.LZ4_FRAME, {
  encode: (data) => Uint8Array.from(lz4.compress(data)),
  decode: (data) => (data.length === 0 ? empty : Uint8Array.from(lz4.decompress(data))),
});
compressionRegistry.set(CompressionType.ZSTD, {
  encode: (data) => compress(data, 3),
  decode: (data) => (data.length === 0 ? empty : decompress(data)),
});
