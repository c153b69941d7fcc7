using Rdd.Core.IO;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>
/// The lines of text files: a file, a folder or a glob. Files are cut into byte ranges at Hadoop's split
/// size and each range reads the lines that start in it (so a 1 GB file becomes many partitions); gzip
/// files are read whole. The files are listed when a job first needs the partitions, so a missing path
/// surfaces then, as a <see cref="FileNotFoundException"/>.
/// </summary>
internal sealed class TextFileRdd(RddContext context, string path, int minPartitions) : Rdd<string>(context, "TextFile")
{
    private protected override Partition[] GetPartitions()
    {
        var splits = TextFileSplitter.Split(PathGlob.Expand(path), minPartitions);
        return splits.Select((split, i) => (Partition)new TextFilePartition(i, split)).ToArray();
    }

    private protected override IEnumerable<string> Compute(Partition split, TaskContext context)
    {
        var stats = new ReadStats();
        foreach (var line in LineReader.ReadLines(((TextFilePartition)split).Split, context.CancellationToken, stats))
            yield return line;
        Record(context, stats);
    }

    private protected override bool Push<TSink>(Partition split, TaskContext context, ref TSink sink)
    {
        var stats = new ReadStats();
        bool completed = LineReader.ForEachLine(((TextFilePartition)split).Split, ref sink, context.CancellationToken, stats);
        Record(context, stats);
        return completed;
    }

    private static void Record(TaskContext context, ReadStats stats)
    {
        context.Metrics.BytesRead += stats.BytesRead;
        context.Metrics.RecordsRead += stats.RecordsRead;
    }

    private sealed class TextFilePartition(int index, TextFileSplit split) : Partition(index)
    {
        public TextFileSplit Split { get; } = split;
    }
}
