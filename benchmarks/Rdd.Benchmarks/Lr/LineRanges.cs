using System.Text;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// The hand-written reading of the "honest Hadoop" floor: a file cut into byte ranges that start at line
/// starts, and each range's lines read from its own stream and decoded to strings, as a Hadoop map task's
/// LineRecordReader hands its mapper a Text per line. Lines end at <c>\n</c>, <c>\r\n</c> or <c>\r</c>;
/// ranges are cut only just after a <c>\n</c>.
/// </summary>
internal static class LineRanges
{
    /// <summary>Hadoop's split size for local files (32 MiB), the size the engine's text splits use too.</summary>
    public const long SplitBytes = 32L << 20;

    /// <summary>How many ranges the floor cuts a file into: one per 32 MiB, at least four per worker.</summary>
    public static int CountFor(string path, int workers) =>
        (int)Math.Max(4L * workers, (new FileInfo(path).Length + SplitBytes - 1) / SplitBytes);

    /// <summary>
    /// <paramref name="count"/> (or fewer, when lines are long) ranges [Start, End) covering the file, each
    /// starting at a line start: cut points near size × k / count are moved to just after the next <c>\n</c>.
    /// </summary>
    public static (long Start, long End)[] Split(string path, int count)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        long size = file.Length;
        var cuts = new List<long> { 0 };
        var buffer = new byte[4096];
        for (int k = 1; k < count; k++)
        {
            long nominal = size * k / count;
            if (nominal <= cuts[^1]) continue;
            long cut = NextLineStart(file, nominal, buffer);
            if (cut > cuts[^1] && cut < size) cuts.Add(cut);
        }
        cuts.Add(size);
        var ranges = new (long, long)[cuts.Count - 1];
        for (int i = 0; i < ranges.Length; i++) ranges[i] = (cuts[i], cuts[i + 1]);
        return ranges;
    }

    /// <summary>The first position at or after <paramref name="position"/> that follows a <c>\n</c> (or the end of the file).</summary>
    private static long NextLineStart(FileStream file, long position, byte[] buffer)
    {
        file.Position = position - 1;
        while (true)
        {
            long at = file.Position;
            int read = file.Read(buffer);
            if (read == 0) return file.Length;
            int newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0) return at + newline + 1;
        }
    }

    /// <summary>Calls <paramref name="onLine"/> with every line of the range, decoded as UTF-8.</summary>
    public static void ForEachLine(string path, (long Start, long End) range, Action<string> onLine)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
        file.Position = range.Start;
        long left = range.End - range.Start;
        var buffer = new byte[64 * 1024];
        int head = 0, tail = 0;
        bool skipLineFeed = false;
        while (true)
        {
            int found = buffer.AsSpan(head, tail - head).IndexOfAny((byte)'\n', (byte)'\r');
            if (found >= 0)
            {
                int terminator = head + found;
                if (skipLineFeed && terminator == head && buffer[terminator] == (byte)'\n')
                {
                    head++;
                    skipLineFeed = false;
                    continue;
                }
                onLine(terminator == head ? string.Empty : Encoding.UTF8.GetString(buffer, head, terminator - head));
                skipLineFeed = buffer[terminator] == (byte)'\r';
                head = terminator + 1;
                continue;
            }
            if (skipLineFeed && head < tail) skipLineFeed = false;
            // Move the partial line to the front, growing the buffer for a line longer than itself, and refill.
            if (head > 0)
            {
                Buffer.BlockCopy(buffer, head, buffer, 0, tail - head);
                tail -= head;
                head = 0;
            }
            if (tail == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = left == 0 ? 0 : file.Read(buffer, tail, (int)Math.Min(buffer.Length - tail, left));
            if (read == 0)
            {
                if (tail > head) onLine(Encoding.UTF8.GetString(buffer, head, tail - head));
                return;
            }
            left -= read;
            tail += read;
        }
    }
}
