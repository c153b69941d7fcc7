using Rdd.Core.Collections;
using MessagePack.Formatters;
using Rdd.Core.Serialization;

namespace Rdd.Core.Shuffle;

/// <summary>
/// Reads one reduce partition's segment of a map output data file (written by
/// <see cref="SpillingMapWriter{TKey, TValue, TCombiner}.WriteDataFile"/>): the MessagePack
/// <c>(key, combiner)</c> values in bytes [start, end), streamed through a pooled 64 KiB buffer.
/// </summary>
internal static class ShuffleSegmentReader
{
    /// <summary>
    /// The records of the segment, read lazily: the file is opened at the first MoveNext. A missing file
    /// throws <see cref="FileNotFoundException"/> (the map output is lost: a fetch failure); a truncated or
    /// corrupt file throws <see cref="InvalidDataException"/> naming the file and the byte offset.
    /// </summary>
    /// <exception cref="NotSupportedException">The record type cannot be serialized (thrown at the call).</exception>
    public static IEnumerable<(TKey, TCombiner)> Read<TKey, TCombiner>(string path, long start, long end)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        return ReadIterator(path, start, end, FormatterOf<(TKey, TCombiner)>.Instance);
    }

    private static IEnumerable<(TKey, TCombiner)> ReadIterator<TKey, TCombiner>(
        string path, long start, long end, IMessagePackFormatter<(TKey, TCombiner)> formatter)
    {
        using var stream = FileSegmentStream.Open(path, start, end);
        using var reader = new MessagePackValueReader(stream);
        var batch = new (TKey, TCombiner)[MessagePackValueReader.BatchSize];
        while (true)
        {
            int count;
            try
            {
                count = reader.ReadBatch(formatter, batch);
                if (count == 0) yield break;
            }
            catch (InvalidDataException e)
            {
                // The reader counts offsets from the segment's start; say where that is in the file.
                throw new InvalidDataException(
                    $"Corrupt shuffle file '{path}', segment [{start}, {end}) (decoder byte offsets are relative to the segment start, byte {start} of the file): {e.Message}", e);
            }
            for (int i = 0; i < count; i++) yield return batch[i];
        }
    }
}
