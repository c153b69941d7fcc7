using Rdd.Core.Execution;

namespace Rdd.Core.IO;

/// <summary>
/// The lines of a text split, pulled (<see cref="ReadLines"/>, for MapPartitions and LINQ over a partition)
/// or pushed into a fused pipeline's sink (<see cref="ForEachLine{TSink}"/>, no enumerator in between).
/// Line rules are <see cref="LineCursor"/>'s.
/// </summary>
internal static class LineReader
{
    /// <summary>
    /// The split's lines, read lazily: the file is opened on the first MoveNext and closed when the
    /// enumeration ends or is disposed. <paramref name="stats"/> is updated then.
    /// </summary>
    public static IEnumerable<string> ReadLines(TextFileSplit split, CancellationToken ct = default, ReadStats? stats = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        return Enumerate(split, ct, stats);
    }

    /// <summary>
    /// Pushes the split's lines into <paramref name="sink"/> (a struct sink is updated in place); returns false
    /// when the sink asked to stop before the split was exhausted.
    /// </summary>
    public static bool ForEachLine<TSink>(TextFileSplit split, ref TSink sink, CancellationToken ct = default, ReadStats? stats = null)
        where TSink : IElementSink<string>
    {
        ArgumentNullException.ThrowIfNull(split);
        using var cursor = new LineCursor(split, ct, stats);
        while (cursor.TryReadLine(out string? line))
        {
            if (!sink.Accept(line)) return false;
        }
        return true;
    }

    private static IEnumerable<string> Enumerate(TextFileSplit split, CancellationToken ct, ReadStats? stats)
    {
        using var cursor = new LineCursor(split, ct, stats);
        while (cursor.TryReadLine(out string? line)) yield return line;
    }
}
