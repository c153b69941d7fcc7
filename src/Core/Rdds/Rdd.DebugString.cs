using System.Text;
using Rdd.Core.Rdds;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    /// <summary>
    /// The lineage in Spark's layout: one line per Rdd, <c>(n) Kind[id] at Operation</c> with its partition
    /// count; Rdds of the same stage continue with <c> |  </c>, and <c>+-(n)</c> marks a shuffle that starts a
    /// parent stage. Persisted and checkpointed Rdds say so.
    /// </summary>
    public string ToDebugString()
    {
        var lines = new List<string>();
        FirstDebugString(this, lines);
        return string.Join(Environment.NewLine, lines);
    }

    private static string Describe(IRdd rdd)
    {
        var text = new StringBuilder($"{rdd.Kind}[{rdd.Id}] at {rdd.Operation}");
        foreach (var dep in rdd.Dependencies)
            if (dep is ShuffleDependency shuffle) text.Append($" (shuffle {shuffle.ShuffleId}, {shuffle.Partitioner})");
        if (rdd.StorageLevel != StorageLevel.None)
        {
            int cached = rdd.Context.Storage.PartitionsOf(rdd.Id).Count;
            text.Append($" [{rdd.StorageLevel}, {cached}/{rdd.Partitions.Length} cached]");
        }
        if (rdd.IsCheckpointed) text.Append(" [checkpointed]");
        return text.ToString();
    }

    private static void FirstDebugString(IRdd rdd, List<string> lines)
    {
        string partitionText = $"({rdd.Partitions.Length})";
        int leftOffset = (partitionText.Length - 1) / 2;
        string nextPrefix = new string(' ', leftOffset) + "|" + new string(' ', partitionText.Length - leftOffset);
        lines.Add($"{partitionText} {Describe(rdd)}");
        DebugChildren(rdd, nextPrefix, lines);
    }

    private static void ShuffleDebugString(IRdd rdd, string prefix, bool isLastChild, List<string> lines)
    {
        string partitionText = $"({rdd.Partitions.Length})";
        int leftOffset = (partitionText.Length - 1) / 2;
        string thisPrefix = System.Text.RegularExpressions.Regex.Replace(prefix, @"\|\s+$", "");
        string nextPrefix = thisPrefix + (isLastChild ? "  " : "| ") + new string(' ', leftOffset) + "|" + new string(' ', partitionText.Length - leftOffset);
        lines.Add($"{thisPrefix}+-{partitionText} {Describe(rdd)}");
        DebugChildren(rdd, nextPrefix, lines);
    }

    private static void DebugString(IRdd rdd, string prefix, bool isShuffle, bool isLastChild, List<string> lines)
    {
        if (isShuffle)
        {
            ShuffleDebugString(rdd, prefix, isLastChild, lines);
            return;
        }
        lines.Add(prefix + Describe(rdd));
        DebugChildren(rdd, prefix, lines);
    }

    private static void DebugChildren(IRdd rdd, string prefix, List<string> lines)
    {
        var deps = rdd.Dependencies;
        for (int i = 0; i < deps.Count; i++)
            DebugString(deps[i].Rdd, prefix, deps[i] is ShuffleDependency, i == deps.Count - 1, lines);
    }
}
