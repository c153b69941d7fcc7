using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Operators;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// collect_list / collect_set: every non-NULL input value (distinct per group for a set) as an array per group; a
/// group without values gets an empty array, as in Spark. Nothing is copied while folding: each input (or merged
/// state's item) array is kept with the group id of each of its rows, and <see cref="Result"/> concatenates them,
/// drops the NULLs (and, for a set, the repeats of a (group, value) pair, found by the grouping hash table), orders
/// the survivors by group with a counting sort, and gathers them once into the list's values. Element order is the
/// order rows arrived in, which, as in Spark, depends on partitioning.
/// </summary>
internal sealed class CollectAccumulator(IArrowType listType, bool distinct) : Accumulator
{
    private readonly IArrowType _elementType = ((ListType)listType).ValueDataType;
    private readonly List<ArrowArray> _parts = [];
    private readonly List<int[]> _groups = [];

    public override IReadOnlyList<IArrowType> StateTypes => [listType];

    public override void Grow(int groups)
    {
    }

    public override void Update(ReadOnlySpan<int> groupIds, ArrowArray input)
    {
        var groups = groupIds[..input.Length].ToArray();
        if (input.NullCount > 0)
        {
            for (int i = 0; i < groups.Length; i++)
            {
                if (input.IsNull(i)) groups[i] = -1;
            }
        }
        Keep(input, groups);
    }

    public override void Merge(ReadOnlySpan<int> groupIds, IReadOnlyList<ArrowArray> states)
    {
        var lists = (ListArray)states[0];
        var items = (ArrowArray)lists.Values;
        var offsets = lists.ValueOffsets;
        var groups = new int[items.Length];
        System.Array.Fill(groups, -1);
        for (int i = 0; i < groupIds.Length; i++)
        {
            if (lists.IsValid(i))
            {
                groups.AsSpan(offsets[i], offsets[i + 1] - offsets[i]).Fill(groupIds[i]);
            }
        }
        Keep(items, groups);
    }

    private void Keep(ArrowArray values, int[] groups)
    {
        if (values.Length == 0) return;
        _parts.Add(values);
        _groups.Add(groups);
    }

    public override ArrowArray[] States(int groups) => [Result(groups)];

    public override ArrowArray Result(int groups)
    {
        var schema = new Schema([new Field("value", _elementType, true)], null);
        var values = _parts.Count == 0
            ? KernelArrays.AllNull(_elementType, 0)
            : (ArrowArray)Batches.Concat(schema, [.. _parts.Select(p => new RecordBatch(schema, [p], p.Length))]).Column(0);
        var groupOf = _groups.SelectMany(g => g).ToArray();

        // The rows to keep: a group, and for a set the first occurrence of its (group, value) pair.
        var kept = new List<int>(groupOf.Length);
        if (distinct && groupOf.Length > 0)
        {
            var table = GroupKeyTable.Create([Int32Type.Default, _elementType]);
            var ids = new int[groupOf.Length];
            var groupArray = KernelArrays.Fixed(Int32Type.Default, new ReadOnlyMemory<byte>(System.Runtime.InteropServices.MemoryMarshal.AsBytes(groupOf.AsSpan()).ToArray()), null, groupOf.Length);
            table.FindOrAdd([groupArray, values], ids);
            int seen = 0;
            for (int i = 0; i < groupOf.Length; i++)
            {
                if (groupOf[i] >= 0 && ids[i] == seen) kept.Add(i);
                seen = Math.Max(seen, ids[i] + 1);
            }
        }
        else
        {
            for (int i = 0; i < groupOf.Length; i++)
            {
                if (groupOf[i] >= 0) kept.Add(i);
            }
        }

        // Counting sort by group: offsets from the counts, then each kept row placed in its group's run.
        var offsets = KernelArrays.AllocateValues<int>(groups + 1);
        var starts = KernelArrays.AsSpan<int>(offsets);
        foreach (int row in kept) starts[groupOf[row] + 1]++;
        for (int g = 0; g < groups; g++) starts[g + 1] += starts[g];
        var next = starts[..groups].ToArray();
        var order = new int[kept.Count];
        foreach (int row in kept) order[next[groupOf[row]]++] = row;
        var items = TakeKernel.Take(values, order);
        return new ListArray(new ArrayData(listType, groups, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(offsets)], [items.Data]));
    }
}
