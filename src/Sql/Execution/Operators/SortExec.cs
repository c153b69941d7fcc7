using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// ORDER BY: gathers every batch into one partition, sorts a permutation of row indices by the keys (typed key
/// columns, ASC/DESC, NULLS FIRST/LAST, strings ordinal; ties keep input order) and gathers the rows with
/// <see cref="TakeKernel"/>. A range-partitioned sort is the next step for large inputs.
/// </summary>
internal sealed class SortExec : PhysicalPlan
{
    public SortExec(PhysicalPlan child, IReadOnlyList<SortOrder> order)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(order);
        Child = child;
        Order = [.. order.Select(o => (SortOrder)o.Bind(child.Schema))];
    }

    public PhysicalPlan Child { get; }

    /// <summary>The sort keys, bound to the child's schema.</summary>
    public IReadOnlyList<SortOrder> Order { get; }

    public override StructType Schema => Child.Schema;

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var order = Order;
        var schema = ArrowSchema;
        return Exchange.ToSinglePartition(Child.Execute()).MapPartitions(batches => Sort(schema, batches.ToList(), order));
    }

    private static IEnumerable<RecordBatch> Sort(Schema schema, List<RecordBatch> batches, IReadOnlyList<SortOrder> order)
    {
        var all = Batches.Concat(schema, batches);
        if (all.Length == 0)
        {
            yield break;
        }
        if (order.Count == 1 && SingleKeyPermutation(order[0].Child.Evaluate(all), order[0].Ascending, order[0].NullsFirst) is { } fast)
        {
            yield return TakeKernel.Take(all, fast);
            yield break;
        }
        var keys = order.Select(o => SortKey.Create(o.Child.Evaluate(all), o.Ascending, o.NullsFirst)).ToArray();
        var permutation = new int[all.Length];
        for (int i = 0; i < permutation.Length; i++) permutation[i] = i;
        System.Array.Sort(permutation, (a, b) =>
        {
            foreach (var key in keys)
            {
                int c = key.Compare(a, b);
                if (c != 0) return c;
            }
            return a.CompareTo(b);
        });
        yield return TakeKernel.Take(all, permutation);
    }

    /// <summary>
    /// The common single numeric or string key: (value, row) pairs sorted with a struct comparer (no delegate per compare),
    /// the null rows placed in row order before or after; null for other key types.
    /// </summary>
    private static int[]? SingleKeyPermutation(ArrowArray column, bool ascending, bool nullsFirst)
    {
        if (ColumnValues.IsLongLike(column.Data.DataType))
        {
            return Permutation(column, ColumnValues.Longs(column), ascending, nullsFirst);
        }
        if (ColumnValues.IsDoubleLike(column.Data.DataType))
        {
            return Permutation(column, OrderKeys(ColumnValues.Doubles(column)), ascending, nullsFirst);
        }
        if (column.Data.DataType.TypeId == ArrowTypeId.String)
        {
            return Permutation(column, OrdinalRanks(column), ascending, nullsFirst);
        }
        return null;
    }

    private static int[] Permutation<T>(ArrowArray column, T[] values, bool ascending, bool nullsFirst) where T : IComparable<T>
    {
        var entries = new List<Entry<T>>(values.Length);
        var nulls = new List<int>();
        for (int i = 0; i < values.Length; i++)
        {
            if (column.NullCount > 0 && column.IsNull(i)) nulls.Add(i);
            else entries.Add(new Entry<T>(values[i], i));
        }
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(entries);
        if (ascending) span.Sort(default(AscendingEntries<T>));
        else span.Sort(default(DescendingEntries<T>));
        var permutation = new int[values.Length];
        int next = 0;
        if (nullsFirst) foreach (int i in nulls) permutation[next++] = i;
        foreach (var entry in span) permutation[next++] = entry.Row;
        if (!nullsFirst) foreach (int i in nulls) permutation[next++] = i;
        return permutation;
    }

    /// <summary>
    /// Floating values as longs in Spark's order: -∞ … -0.0 = 0.0 … +∞ &lt; NaN (NaN is greater than every number
    /// and equal to itself; .NET's <see cref="double.CompareTo(double)"/> puts it first instead). Positive doubles
    /// already order as their bits; negative ones order reversed, so their magnitude bits are flipped.
    /// </summary>
    internal static long[] OrderKeys(double[] values)
    {
        var keys = new long[values.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            double v = values[i];
            long bits = double.IsNaN(v) ? long.MaxValue : v == 0 ? 0 : BitConverter.DoubleToInt64Bits(v);
            keys[i] = bits >= 0 ? bits : bits ^ long.MaxValue;
        }
        return keys;
    }

    /// <summary>Each string's rank among the column's distinct values in ordinal order, so row compares are integer compares.</summary>
    private static long[] OrdinalRanks(ArrowArray column)
    {
        var strings = ColumnValues.Strings(column);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowIds = new int[strings.Length];
        for (int i = 0; i < strings.Length; i++)
        {
            if (strings[i] is not { } text) continue;
            if (!ids.TryGetValue(text, out int id))
            {
                id = ids.Count;
                ids.Add(text, id);
            }
            rowIds[i] = id;
        }
        var distinct = ids.Keys.ToArray();
        var order = Enumerable.Range(0, distinct.Length).ToArray();
        System.Array.Sort(distinct, order, StringComparer.Ordinal);
        var rankOfId = new long[distinct.Length];
        for (int rank = 0; rank < order.Length; rank++) rankOfId[order[rank]] = rank;
        var ranks = new long[strings.Length];
        for (int i = 0; i < ranks.Length; i++) ranks[i] = strings[i] is null ? 0 : rankOfId[rowIds[i]];
        return ranks;
    }

    private readonly record struct Entry<T>(T Value, int Row);

    // Ties break on the row, which keeps the sort stable.
    private readonly struct AscendingEntries<T> : IComparer<Entry<T>> where T : IComparable<T>
    {
        public int Compare(Entry<T> x, Entry<T> y)
        {
            int c = x.Value.CompareTo(y.Value);
            return c != 0 ? c : x.Row.CompareTo(y.Row);
        }
    }

    private readonly struct DescendingEntries<T> : IComparer<Entry<T>> where T : IComparable<T>
    {
        public int Compare(Entry<T> x, Entry<T> y)
        {
            int c = y.Value.CompareTo(x.Value);
            return c != 0 ? c : x.Row.CompareTo(y.Row);
        }
    }

    public override string Describe() => $"Sort [{string.Join(", ", Order)}]";

    /// <summary>One key column read once into a typed array; compares two rows.</summary>
    internal abstract class SortKey(ArrowArray column, bool ascending, bool nullsFirst)
    {
        public int Compare(int a, int b)
        {
            bool nullA = column.NullCount > 0 && column.IsNull(a);
            bool nullB = column.NullCount > 0 && column.IsNull(b);
            if (nullA || nullB)
            {
                return nullA == nullB ? 0 : nullA == nullsFirst ? -1 : 1;
            }
            int c = CompareValues(a, b);
            return ascending ? c : -c;
        }

        protected abstract int CompareValues(int a, int b);

        public static SortKey Create(ArrowArray column, bool ascending, bool nullsFirst)
        {
            if (ColumnValues.IsLongLike(column.Data.DataType)) return new Typed<long>(column, ColumnValues.Longs(column), Comparer<long>.Default, ascending, nullsFirst);
            if (ColumnValues.IsDoubleLike(column.Data.DataType)) return new Typed<long>(column, OrderKeys(ColumnValues.Doubles(column)), Comparer<long>.Default, ascending, nullsFirst);
            if (column.Data.DataType.TypeId == ArrowTypeId.String) return new Typed<long>(column, OrdinalRanks(column), Comparer<long>.Default, ascending, nullsFirst);
            if (column is BooleanArray booleans)
            {
                var values = new long[column.Length];
                for (int i = 0; i < values.Length; i++) values[i] = booleans.GetBit(i) ? 1 : 0;
                return new Typed<long>(column, values, Comparer<long>.Default, ascending, nullsFirst);
            }
            if (column is Decimal128Array decimals)
            {
                // Unscaled integers order as the values do: a sort key column has one decimal type.
                var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(decimals.ValueBuffer.Span).Slice(decimals.Offset, decimals.Length).ToArray();
                return new Typed<Int128>(column, values, Comparer<Int128>.Default, ascending, nullsFirst);
            }
            throw new NotSupportedException($"Cannot sort by {ArrowTypeMapping.Describe(column.Data.DataType)}.");
        }

        private sealed class Typed<T>(ArrowArray column, T[] values, IComparer<T> comparer, bool ascending, bool nullsFirst)
            : SortKey(column, ascending, nullsFirst)
        {
            protected override int CompareValues(int a, int b) => comparer.Compare(values[a], values[b]);
        }
    }
}
