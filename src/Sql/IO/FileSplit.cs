using Rdd.Core.IO;

namespace Rdd.Sql.IO;

/// <summary>
/// One partition of a text-based input (CSV, JSON lines, text): the byte range [<see cref="Start"/>,
/// <see cref="End"/>) of a file, read by Hadoop's line rules, so the splits of a file together read each line
/// once. A DataFrame scan plans its splits by Spark SQL's size rule (<see cref="PlanBySize"/>); <see cref="Plan"/>
/// keeps the engine's <c>TextFile</c> rules (<see cref="TextFileSplitter"/>) for the schema inference passes.
/// <see cref="ListFiles"/> is <see cref="PathGlob.Expand"/>. This is Rdd.Sql's view of Rdd.Core's
/// <see cref="TextFileSplit"/>, which the readers convert to internally.
/// </summary>
/// <param name="Path">The file.</param>
/// <param name="Start">First byte of the range.</param>
/// <param name="Length">Bytes in the range; lines starting inside it are read to their end.</param>
/// <param name="IsWholeFile">The split covers its whole file (always so for gzip input, which cannot be split).</param>
internal sealed record FileSplit(string Path, long Start, long Length, bool IsWholeFile)
{
    /// <summary>One past the last byte of the range.</summary>
    public long End => Start + Length;

    /// <summary>The input files <paramref name="path"/> stands for (a file, a folder of part files, or a glob), sorted.</summary>
    public static IReadOnlyList<string> ListFiles(string path) => PathGlob.Expand(path);

    /// <summary>
    /// Splits of <paramref name="files"/>: at least <paramref name="minPartitions"/> when the files are big
    /// enough, each at most <paramref name="maxSplitBytes"/> (plus Hadoop's 10 % slop for a file's tail).
    /// </summary>
    public static IReadOnlyList<FileSplit> Plan(IReadOnlyList<string> files, int minPartitions, long maxSplitBytes = TextFileSplitter.DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sized = new (string Path, long Length)[files.Count];
        for (int i = 0; i < sized.Length; i++)
        {
            sized[i] = (files[i], new FileInfo(files[i]).Length);
        }
        return [.. TextFileSplitter.Split(sized, minPartitions, maxSplitBytes).Select(s => new FileSplit(s.Path, s.Start, s.Length, s.IsWholeFile))];
    }

    /// <summary>Spark's <c>spark.sql.files.maxPartitionBytes</c> default: the largest split of a DataFrame file scan.</summary>
    public const long DefaultMaxPartitionBytes = 128L * 1024 * 1024;

    /// <summary>
    /// Spark's <c>spark.sql.files.openCostInBytes</c> default: what opening a file is deemed to cost, in bytes one
    /// could have read meanwhile. It is the smallest split size, and it weighs each file in the total.
    /// </summary>
    public const long DefaultOpenCostInBytes = 4L * 1024 * 1024;

    /// <summary>
    /// Spark's <c>FilePartition.maxSplitBytes</c>: min(<paramref name="maxPartitionBytes"/>,
    /// max(<paramref name="openCostInBytes"/>, bytesPerCore)) where bytesPerCore = (total bytes + files ×
    /// open cost) / <paramref name="parallelism"/>. Small inputs get splits big enough to be worth a task,
    /// mid-sized ones spread over every core, big ones cap at the partition size.
    /// </summary>
    public static long MaxSplitBytes(ReadOnlySpan<long> fileLengths, int parallelism, long maxPartitionBytes = DefaultMaxPartitionBytes,
        long openCostInBytes = DefaultOpenCostInBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPartitionBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(openCostInBytes);
        long total = 0;
        foreach (long length in fileLengths)
        {
            total += length + openCostInBytes;
        }
        long bytesPerCore = total / Math.Max(1, parallelism);
        // At least one byte, so that a zero open cost over empty files cannot make a split size of zero.
        return Math.Max(1, Math.Min(maxPartitionBytes, Math.Max(openCostInBytes, bytesPerCore)));
    }

    /// <summary>
    /// The splits of a DataFrame scan over <paramref name="files"/>, by Spark's rule (<c>PartitionedFileUtil.splitFiles</c>):
    /// each file is cut every <see cref="MaxSplitBytes"/> bytes (the last piece holds the rest, no slop), in file
    /// order; gzip files, which cannot be split, are one split each, and empty files none. A split reads the lines
    /// that start inside it, so the splits of a file read each line once.
    /// </summary>
    /// <param name="files">The input files, in the order their splits should come.</param>
    /// <param name="parallelism">The default parallelism the input is spread over (Spark's leafNodeDefaultParallelism).</param>
    /// <param name="maxPartitionBytes">The cap on a split's size.</param>
    /// <param name="openCostInBytes">The cost of opening a file, in bytes.</param>
    public static IReadOnlyList<FileSplit> PlanBySize(IReadOnlyList<string> files, int parallelism,
        long maxPartitionBytes = DefaultMaxPartitionBytes, long openCostInBytes = DefaultOpenCostInBytes)
    {
        ArgumentNullException.ThrowIfNull(files);
        var lengths = new long[files.Count];
        for (int i = 0; i < lengths.Length; i++)
        {
            lengths[i] = new FileInfo(files[i]).Length;
        }
        long splitBytes = MaxSplitBytes(lengths, parallelism, maxPartitionBytes, openCostInBytes);
        var splits = new List<FileSplit>();
        for (int i = 0; i < lengths.Length; i++)
        {
            long length = lengths[i];
            if (length == 0)
            {
                continue;
            }
            if (CompressedInput.IsGzip(files[i]))
            {
                splits.Add(new FileSplit(files[i], 0, length, IsWholeFile: true));
                continue;
            }
            for (long offset = 0; offset < length; offset += splitBytes)
            {
                long size = Math.Min(splitBytes, length - offset);
                splits.Add(new FileSplit(files[i], offset, size, IsWholeFile: offset == 0 && size == length));
            }
        }
        return splits;
    }

    /// <summary>The bytes [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>) of a file.</summary>
    public static FileSplit Range(string path, long start, long length)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        bool whole = CompressedInput.IsGzip(path) || (start == 0 && length >= new FileInfo(path).Length);
        return new FileSplit(path, start, length, whole);
    }

    /// <summary>All of one file.</summary>
    public static FileSplit WholeFile(string path) => Range(path, 0, new FileInfo(path).Length);

    /// <summary>
    /// The 1-based line number, within its file, of the first line this split reads. Only error messages need
    /// it, so it is computed on demand by counting line ends before the split: a split starting at byte
    /// <c>s &gt; 0</c> begins with the first line starting after <c>s</c>, which is line
    /// 2 + (number of line terminators ending at or before <c>s</c>); <c>\r\n</c> counts once.
    /// </summary>
    public long FirstLineNumber()
    {
        if (Start == 0 || IsWholeFile)
        {
            return 1;
        }
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var buffer = new byte[64 * 1024];
        long terminatorsEnded = 0;
        long position = 0;
        bool previousWasCarriageReturn = false;
        // Byte `Start` itself is read too: a '\n' there completes a "\r\n" that ends after Start, not at it.
        long limit = Start + 1;
        while (position < limit)
        {
            int read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - position));
            if (read == 0)
            {
                break;
            }
            for (int i = 0; i < read; i++)
            {
                byte b = buffer[i];
                long end = position + i + 1;
                if (b == (byte)'\n')
                {
                    // The '\r' of a "\r\n" was counted as ending one byte early; the pair ends here.
                    if (previousWasCarriageReturn && end - 1 <= Start)
                    {
                        terminatorsEnded--;
                    }
                    if (end <= Start)
                    {
                        terminatorsEnded++;
                    }
                }
                else if (b == (byte)'\r' && end <= Start)
                {
                    terminatorsEnded++;
                }
                previousWasCarriageReturn = b == (byte)'\r';
            }
            position += read;
        }
        return 2 + terminatorsEnded;
    }

    /// <summary>Hadoop's notation, <c>path:start+length</c>.</summary>
    public override string ToString() => $"{Path}:{Start}+{Length}";

    internal TextFileSplit ToTextFileSplit() => new(Path, Start, Length, IsWholeFile);
}
