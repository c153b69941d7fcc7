using Apache.Arrow;
using Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Maps the grouping (or join) key of each row to a dense group id 0..<see cref="Count"/>-1 in first-seen order.
/// Keys are first turned into 64-bit codes column by column (<see cref="KeyColumn"/>), then a single key goes
/// through <see cref="SingleKeyTable"/> and several through <see cref="TupleKeyTable"/>, so no row is boxed and no
/// key value is decoded; key types without a coder (lists) fall back to <see cref="BoxedKeyTable"/>. For
/// aggregation a null key is a group of its own; <see cref="Find"/> (the join probe) never matches a row with a
/// null key and, once the table is built, may run on several threads at once.
/// </summary>
internal abstract class GroupKeyTable
{
    /// <summary>The number of groups so far.</summary>
    public abstract int Count { get; }

    /// <summary>Sets the group id of each row, adding new groups.</summary>
    public abstract void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds);

    /// <summary>Sets the group id of each row, or -1 when the key is absent or has a null.</summary>
    public abstract void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds);

    /// <summary>One column per key holding the key of each group, in group-id order.</summary>
    public abstract ArrowArray[] BuildKeys();

    /// <summary>
    /// Makes room for <paramref name="groups"/> groups at once, when the caller knows roughly how many will come:
    /// growing a table of millions of groups step by step re-inserts every group at each doubling.
    /// </summary>
    public virtual void EnsureCapacity(int groups)
    {
    }

    /// <summary>
    /// Group ids for the rows of many batches of keys (at least one key column each) at once, one array per batch, as <see cref="FindOrAdd"/> batch by
    /// batch would give them, except that ids are assigned in an order of the table's choosing. Tables that can
    /// use the whole input (several keys and millions of rows) reorder the work for the cache; others loop.
    /// </summary>
    public virtual int[][] FindOrAddAll(IReadOnlyList<ArrowArray[]> batches)
    {
        EnsureCapacity((int)Math.Min(int.MaxValue / 2, batches.Sum(b => b.Length == 0 ? 0L : b[0].Length)));
        var ids = new int[batches.Count][];
        for (int b = 0; b < ids.Length; b++)
        {
            ids[b] = new int[batches[b].Length == 0 ? 0 : batches[b][0].Length];
            if (ids[b].Length > 0) FindOrAdd(batches[b], ids[b]);
        }
        return ids;
    }

    /// <summary>The slot count for <paramref name="groups"/> groups: a power of two at least twice as big.</summary>
    protected static int SlotsFor(int groups) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp((long)groups * 2, 32, 1 << 30));

    /// <summary>The most keys the coded tables take (the null mask is one 64-bit code).</summary>
    private const int MaxCodedKeys = 63;

    /// <summary>The table for keys of these types (as they will be given to <see cref="FindOrAdd"/>).</summary>
    public static GroupKeyTable Create(IReadOnlyList<IArrowType> keyTypes)
    {
        if (keyTypes.Count == 0)
        {
            return new GlobalKeyTable();
        }
        if (keyTypes.Count > MaxCodedKeys)
        {
            return new BoxedKeyTable(keyTypes);
        }
        var columns = new KeyColumn[keyTypes.Count];
        for (int c = 0; c < columns.Length; c++)
        {
            if (KeyColumn.Create(keyTypes[c]) is not { } column)
            {
                return new BoxedKeyTable(keyTypes);
            }
            columns[c] = column;
        }
        return columns.Length == 1 ? new SingleKeyTable(columns[0]) : new TupleKeyTable(columns);
    }

    /// <summary>Whether any key column is null in row <paramref name="row"/>.</summary>
    public static bool AnyNull(IReadOnlyList<ArrowArray> keys, int row)
    {
        foreach (var key in keys)
        {
            if (key.NullCount > 0 && key.IsNull(row)) return true;
        }
        return false;
    }
}

/// <summary>No grouping keys: every row is in group 0, which exists even before any row arrives.</summary>
internal sealed class GlobalKeyTable : GroupKeyTable
{
    public override int Count => 1;

    public override void FindOrAdd(IReadOnlyList<ArrowArray> keys, Span<int> groupIds) => groupIds.Clear();

    public override void Find(IReadOnlyList<ArrowArray> keys, Span<int> groupIds) => groupIds.Clear();

    public override ArrowArray[] BuildKeys() => [];
}
