using Rdd.Core.IO;
using Rdd.Core.Scheduling;

namespace Rdd.Core.Rdds;

/// <summary>One (path, content) element per file; the files are spread over at most <c>minPartitions</c> partitions in order.</summary>
internal sealed class WholeTextFilesRdd(RddContext context, string path, int minPartitions)
    : Rdd<(string Path, string Content)>(context, "WholeTextFiles")
{
    private protected override Partition[] GetPartitions()
    {
        var files = PathGlob.Expand(path);
        int n = Math.Max(1, Math.Min(minPartitions, files.Count));
        var result = new Partition[n];
        for (int i = 0; i < n; i++)
        {
            int from = (int)((long)i * files.Count / n), to = (int)((long)(i + 1) * files.Count / n);
            result[i] = new FilesPartition(i, files.Skip(from).Take(to - from).ToArray());
        }
        return result;
    }

    private protected override IEnumerable<(string Path, string Content)> Compute(Partition split, TaskContext context)
    {
        foreach (var file in ((FilesPartition)split).Files)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var stats = new ReadStats();
            var content = WholeTextFileReader.Read(file, stats);
            context.Metrics.BytesRead += stats.BytesRead;
            context.Metrics.RecordsRead++;
            yield return (file, content);
        }
    }

    private sealed class FilesPartition(int index, string[] files) : Partition(index)
    {
        public string[] Files { get; } = files;
    }
}
