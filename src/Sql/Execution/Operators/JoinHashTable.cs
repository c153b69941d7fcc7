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
    private readonly int[] _chainLength;

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
        _chainLength = new int[_table.Count];
        bool nulls = keys.Any(k => k.NullCount > 0);
        for (int r = batch.Length - 1; r >= 0; r--)
        {
            if (nulls && GroupKeyTable.AnyNull(keys, r)) continue;
            _next[r] = _head[ids[r]];
            _head[ids[r]] = r;
            _chainLength[ids[r]]++;
        }
    }

    /// <summary>The build rows.</summary>
    public RecordBatch Batch { get; }

    /// <summary>
    /// Every (probe row, build row) pair with equal, non-null keys, in probe order then build order; the chain
    /// lengths size the two arrays exactly before they are filled.
    /// </summary>
    public (int[] ProbeRows, int[] BuildRows) Probe(ArrowArray[] probeKeys, int probeLength)
    {
        if (probeLength == 0 || Batch.Length == 0)
        {
            return ([], []);
        }
        var ids = new int[probeLength];
        _table.Find(probeKeys, ids);
        long total = 0;
        foreach (int id in ids)
        {
            if (id >= 0) total += _chainLength[id];
        }
        var probeRows = new int[checked((int)total)];
        var buildRows = new int[probeRows.Length];
        int k = 0;
        for (int p = 0; p < probeLength; p++)
        {
            int id = ids[p];
            if (id < 0) continue;
            for (int b = _head[id]; b >= 0; b = _next[b])
            {
                probeRows[k] = p;
                buildRows[k++] = b;
            }
        }
        return (probeRows, buildRows);
    }

    /// <summary>Sets <paramref name="probeMatched"/>[p] when probe row p's key has build rows (a semi or anti join without residual).</summary>
    public void MarkProbeMatches(ArrowArray[] probeKeys, int probeLength, bool[] probeMatched)
    {
        if (probeLength == 0 || Batch.Length == 0)
        {
            return;
        }
        var ids = new int[probeLength];
        _table.Find(probeKeys, ids);
        for (int p = 0; p < probeLength; p++)
        {
            probeMatched[p] = ids[p] >= 0 && _chainLength[ids[p]] > 0;
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
