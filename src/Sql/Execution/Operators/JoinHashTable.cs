using Apache.Arrow;
using Rdd.Sql.Execution.Aggregation;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// The build side of a hash join: the build rows in one batch, a <see cref="GroupKeyTable"/> of their keys and,
/// per key, a chain of rows in row order. Rows with a null key are left out of every chain, so they never match.
/// Read-only once built, so one table can serve concurrent probes (the broadcast join shares it between tasks).
/// </summary>
internal sealed class JoinHashTable
{
    private readonly GroupKeyTable _table;
    private readonly int[] _head;
    private readonly int[] _next;

    public JoinHashTable(RecordBatch batch, ArrowArray[] keys)
    {
        Batch = batch;
        _table = GroupKeyTable.Create([.. keys.Select(k => k.Data.DataType)]);
        var ids = new int[batch.Length];
        if (batch.Length > 0)
        {
            _table.FindOrAdd(keys, ids);
        }
        _head = new int[_table.Count];
        System.Array.Fill(_head, -1);
        _next = new int[batch.Length];
        for (int r = batch.Length - 1; r >= 0; r--)
        {
            if (GroupKeyTable.AnyNull(keys, r)) continue;
            _next[r] = _head[ids[r]];
            _head[ids[r]] = r;
        }
    }

    /// <summary>The build rows.</summary>
    public RecordBatch Batch { get; }

    /// <summary>Appends every (probe row, build row) pair with equal, non-null keys, in probe order then build order.</summary>
    public void Probe(ArrowArray[] probeKeys, int probeLength, List<int> probeRows, List<int> buildRows)
    {
        if (probeLength == 0 || Batch.Length == 0)
        {
            return;
        }
        var ids = new int[probeLength];
        _table.Find(probeKeys, ids);
        for (int p = 0; p < probeLength; p++)
        {
            if (ids[p] < 0) continue;
            for (int b = _head[ids[p]]; b >= 0; b = _next[b])
            {
                probeRows.Add(p);
                buildRows.Add(b);
            }
        }
    }

    /// <summary>
    /// Marks in <paramref name="buildMatched"/> every build row whose key equals some probe row's (nulls never do).
    /// A key's rows form one chain and are marked together, so a chain whose head is marked is skipped whole.
    /// </summary>
    public void MarkMatched(ArrowArray[] probeKeys, int probeLength, bool[] buildMatched)
    {
        if (probeLength == 0 || Batch.Length == 0)
        {
            return;
        }
        var ids = new int[probeLength];
        _table.Find(probeKeys, ids);
        foreach (int id in ids)
        {
            if (id < 0) continue;
            int head = _head[id];
            if (head < 0 || buildMatched[head]) continue;
            for (int b = head; b >= 0; b = _next[b])
            {
                buildMatched[b] = true;
            }
        }
    }
}
