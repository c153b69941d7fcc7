using Rdd.Core.Collections;
using Rdd.Core.Serialization;

namespace Rdd.Core.Shuffle;

/// <summary>
/// Reads one reduce partition's segment of a map output data file (written by
/// <see cref="SpillingMapWriter{TKey, TValue, TCombiner}.WriteDataFile"/>): the <c>(key, combiner)</c> records in
/// bytes [start, end), raw blocks or MessagePack values (<see cref="SpillRecords"/>), streamed 64 KiB at a time.
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
        if (!SpillRecords.IsRaw<(TKey, TCombiner)>()) _ = FormatterOf<(TKey, TCombiner)>.Instance; // an unsupported type throws here
        return ReadIterator<TKey, TCombiner>(path, start, end);
    }

    private static IEnumerable<(TKey, TCombiner)> ReadIterator<TKey, TCombiner>(string path, long start, long end)
    {
        using var records = SpillRecords.Read<(TKey, TCombiner)>(() => FileSegmentStream.Open(path, start, end)).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext()) yield break;
            }
            catch (InvalidDataException e)
            {
                // The reader counts offsets from the segment's start; say where that is in the file.
                throw new InvalidDataException(
                    $"Corrupt shuffle file '{path}', segment [{start}, {end}) (decoder byte offsets are relative to the segment start, byte {start} of the file): {e.Message}", e);
            }
            yield return records.Current;
        }
    }
}
