using System.Runtime.InteropServices;
using Rdd.Core;

namespace Rdd.Benchmarks.Workloads;

/// <summary>Word count four ways over the same lines: Rdd (from memory and from files), PLINQ and a hand-written parallel loop.</summary>
internal static class WordCount
{
    public static (string Word, int Count)[] Rdd(RddContext context, string[] lines, int slices) =>
        context.Parallelize(lines, slices)
            .FlatMap(static line => line.Split(' '))
            .Map(static word => (word, 1))
            .ReduceByKey(static (a, b) => a + b)
            .Collect();

    public static (string Word, int Count)[] RddTextFile(RddContext context, string path, int? minPartitions) =>
        context.TextFile(path, minPartitions)
            .FlatMap(static line => line.Split(' '))
            .Map(static word => (word, 1))
            .ReduceByKey(static (a, b) => a + b)
            .Collect();

    /// <summary>The natural PLINQ formulation: GroupBy keeps every occurrence, then counts the groups.</summary>
    public static (string Word, int Count)[] Plinq(string[] lines) =>
        lines.AsParallel()
            .SelectMany(static line => line.Split(' '))
            .GroupBy(static word => word)
            .Select(static g => (g.Key, g.Count()))
            .ToArray();

    /// <summary>
    /// What a careful programmer writes by hand: <paramref name="chunks"/> contiguous chunks of lines on
    /// Parallel.For, one Dictionary per worker updated in place, merged under a lock at the end. Splits
    /// lines with string.Split like the others, so the difference is the engine, not the tokenizer.
    /// </summary>
    public static (string Word, int Count)[] HandWritten(string[] lines, int chunks)
    {
        var total = new Dictionary<string, int>();
        var gate = new Lock();
        Parallel.For(0, chunks, static () => new Dictionary<string, int>(), (chunk, state, local) =>
        {
            int start = (int)((long)chunk * lines.Length / chunks);
            int end = (int)((long)(chunk + 1) * lines.Length / chunks);
            for (int i = start; i < end; i++)
                foreach (var word in lines[i].Split(' '))
                    CollectionsMarshal.GetValueRefOrAddDefault(local, word, out _)++;
            return local;
        }, local =>
        {
            lock (gate)
                foreach (var (word, count) in local)
                    CollectionsMarshal.GetValueRefOrAddDefault(total, word, out _) += count;
        });
        return ToArray(total);
    }

    /// <summary>
    /// The hand-written loop without string.Split: words are spans looked up through the dictionary's
    /// alternate (span) comparer, so only distinct words are allocated. Shows the tokenizer's share; not a target.
    /// </summary>
    public static (string Word, int Count)[] HandWrittenSpans(string[] lines, int chunks)
    {
        var total = new Dictionary<string, int>();
        var gate = new Lock();
        Parallel.For(0, chunks, static () => new Dictionary<string, int>(StringComparer.Ordinal), (chunk, state, local) =>
        {
            var lookup = local.GetAlternateLookup<ReadOnlySpan<char>>();
            int start = (int)((long)chunk * lines.Length / chunks);
            int end = (int)((long)(chunk + 1) * lines.Length / chunks);
            for (int i = start; i < end; i++)
                foreach (var range in lines[i].AsSpan().Split(' '))
                    CollectionsMarshal.GetValueRefOrAddDefault(lookup, lines[i].AsSpan()[range], out _)++;
            return local;
        }, local =>
        {
            lock (gate)
                foreach (var (word, count) in local)
                    CollectionsMarshal.GetValueRefOrAddDefault(total, word, out _) += count;
        });
        return ToArray(total);
    }

    /// <summary>Sorted by word, for comparing the results of the contenders.</summary>
    public static (string Word, int Count)[] Canonical((string Word, int Count)[] counts) =>
        counts.OrderBy(static p => p.Word, StringComparer.Ordinal).ToArray();

    private static (string, int)[] ToArray(Dictionary<string, int> counts)
    {
        var result = new (string, int)[counts.Count];
        int i = 0;
        foreach (var (word, count) in counts) result[i++] = (word, count);
        return result;
    }
}
