namespace Rdd.Core.IO;

/// <summary>
/// Cuts input files into <see cref="TextFileSplit"/>s with the arithmetic of Hadoop's
/// FileInputFormat.getSplits (the old mapred API Spark's textFile uses), so partition counts match Spark's:
/// goal = total size / minPartitions, split size = max(1, min(goal, block size)), and a file's tail becomes
/// its own split only when it exceeds 10 % of a split (SPLIT_SLOP), otherwise it joins the previous one.
/// </summary>
internal static class TextFileSplitter
{
    /// <summary>The block size Hadoop reports for local files (<c>fs.local.block.size</c>), 32 MiB.</summary>
    public const long DefaultBlockSize = 32L * 1024 * 1024;

    private const double SplitSlop = 1.1;

    /// <summary>Splits <paramref name="files"/> (as returned by <see cref="PathGlob.Expand"/>), reading their sizes.</summary>
    public static IReadOnlyList<TextFileSplit> Split(IReadOnlyList<string> files, int minPartitions)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sized = new (string Path, long Length)[files.Count];
        for (int i = 0; i < sized.Length; i++) sized[i] = (files[i], new FileInfo(files[i]).Length);
        return Split(sized, minPartitions, DefaultBlockSize);
    }

    /// <summary>Splits files of known sizes; <paramref name="blockSize"/> caps the split size.</summary>
    public static IReadOnlyList<TextFileSplit> Split(IReadOnlyList<(string Path, long Length)> files, int minPartitions, long blockSize)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);

        long totalSize = 0;
        foreach (var (_, length) in files) totalSize += length;
        long goalSize = totalSize / Math.Max(minPartitions, 1);
        long splitSize = Math.Max(1, Math.Min(goalSize, blockSize));

        var splits = new List<TextFileSplit>();
        foreach (var (path, length) in files)
        {
            // Hadoop gives an empty file one empty split (so WholeTextFiles sees it), and a file it cannot
            // split one split for all of it, however large.
            if (length == 0 || CompressedInput.IsGzip(path))
            {
                splits.Add(new TextFileSplit(path, 0, length, IsWholeFile: true));
                continue;
            }
            long remaining = length;
            while ((double)remaining / splitSize > SplitSlop)
            {
                splits.Add(new TextFileSplit(path, length - remaining, splitSize, IsWholeFile: false));
                remaining -= splitSize;
            }
            if (remaining != 0)
                splits.Add(new TextFileSplit(path, length - remaining, remaining, IsWholeFile: remaining == length));
        }
        return splits;
    }
}
