using Rdd.Core.IO;

namespace Rdd.Sql.IO;

/// <summary>
/// One partition of a text-based input (CSV, JSON lines, text): the byte range [<see cref="Start"/>,
/// <see cref="End"/>) of a file, read by Hadoop's line rules, so the splits of a file together read each line
/// once. Splits are planned with the engine's own rules, so a DataFrame over a file has the partitions
/// <c>TextFile</c> over it would have: <see cref="ListFiles"/> is <see cref="PathGlob.Expand"/> and
/// <see cref="Plan"/> is <see cref="TextFileSplitter"/>. This is Rdd.Sql's view of Rdd.Core's
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
