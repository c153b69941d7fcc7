using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// GROUP BY with aggregates, in two phases around a shuffle. The partial phase hashes each partition's rows into a
/// <see cref="GroupKeyTable"/> and folds the aggregate inputs into <see cref="Accumulator"/>s, emitting one batch of
/// (keys, partial states); <see cref="Exchange"/> moves those rows by a stable hash of the keys (to a single
/// partition when there are no keys); the final phase merges the states per key and emits (keys, results). When an
/// aggregate has no mergeable state (count distinct) the raw (keys, inputs) are exchanged and one complete phase
/// runs after the shuffle. Without grouping keys the result is one row, even for empty input.
/// </summary>
internal sealed class HashAggregateExec : PhysicalPlan
{
    private readonly int? _numPartitions;

    /// <param name="child">The input.</param>
    /// <param name="groupingExpressions">The keys (bound or unbound against the child's schema).</param>
    /// <param name="aggregateExpressions">Each an <see cref="AggregateFunction"/>, optionally under an <see cref="Alias"/>.</param>
    /// <param name="numPartitions">Partitions after the exchange; the child's partition count by default.</param>
    public HashAggregateExec(PhysicalPlan child, IReadOnlyList<Expression> groupingExpressions, IReadOnlyList<Expression> aggregateExpressions, int? numPartitions = null)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(groupingExpressions);
        ArgumentNullException.ThrowIfNull(aggregateExpressions);
        if (numPartitions is { } n) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(numPartitions));
        Child = child;
        _numPartitions = numPartitions;
        GroupingExpressions = [.. groupingExpressions.Select(e => e.Bind(child.Schema))];
        AggregateExpressions = [.. aggregateExpressions.Select(e => e.Bind(child.Schema))];
        Functions = [.. AggregateExpressions.Select(e => (e is Alias alias ? alias.Child : e) as AggregateFunction
            ?? throw new ArgumentException($"'{e}' is not an aggregate function.", nameof(aggregateExpressions)))];
        Schema = new StructType(
            GroupingExpressions.Select(e => new StructField(NameOf(e), e.DataType, e.Nullable))
                .Concat(AggregateExpressions.Select((e, i) => new StructField(NameOf(e), Functions[i].DataType, Functions[i].Nullable))));
    }

    public PhysicalPlan Child { get; }

    public IReadOnlyList<Expression> GroupingExpressions { get; }

    public IReadOnlyList<Expression> AggregateExpressions { get; }

    /// <summary>The aggregate functions, aliases removed, in output order.</summary>
    public IReadOnlyList<AggregateFunction> Functions { get; }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    /// <summary>Whether every aggregate has a partial state (else one complete phase runs after the exchange).</summary>
    public bool IsTwoPhase => Functions.All(f => f.Kind != AggregateKind.CountDistinct);

    public override Rdd<RecordBatch> Execute()
    {
        var input = Child.Execute();
        var keys = GroupingExpressions;
        var functions = Functions;
        var inputs = functions.Select(f => f.Child).ToArray();
        var seconds = functions.Where(f => f.Second is not null).Select(f => f.Second!).ToArray();
        var keyTypes = keys.Select(k => ArrowTypeMapping.ToArrowType(k.DataType)).ToArray();
        int keyCount = keys.Count;
        var outputSchema = ArrowSchema;
        int[] keyOrdinals = [.. Enumerable.Range(0, keyCount)];
        int numPartitions = _numPartitions ?? Math.Max(1, input.NumPartitions);

        Rdd<RecordBatch> Shuffle(Rdd<RecordBatch> rows) =>
            keyCount == 0 ? Exchange.ToSinglePartition(rows) : Exchange.ByHash(rows, keyOrdinals, numPartitions);

        if (IsTwoPhase)
        {
            var stateTypes = functions.Select(f => Accumulator.Create(f).StateTypes).ToArray();
            var partialSchema = new Schema(
                keyTypes.Select((t, i) => new Field($"k{i}", t, true))
                    .Concat(stateTypes.SelectMany((types, a) => types.Select((t, s) => new Field($"a{a}_s{s}", t, true)))), null);
            var partial = input.MapPartitions(batches => Partial(batches, keys, inputs, functions, keyTypes, partialSchema));
            return Shuffle(partial).MapPartitions(batches => Final(batches, keyCount, functions, keyTypes, stateTypes, outputSchema));
        }

        var rowSchema = new Schema(
            keyTypes.Select((t, i) => new Field($"k{i}", t, true))
                .Concat(inputs.Select((e, i) => new Field($"v{i}", ArrowTypeMapping.ToArrowType(e.DataType is NullType ? LongType.Instance : e.DataType), true)))
                .Concat(seconds.Select((e, i) => new Field($"w{i}", ArrowTypeMapping.ToArrowType(e.DataType), true))), null);
        var rows = input.MapPartitions(batches => batches.Select(batch =>
            new RecordBatch(rowSchema, keys.Concat(inputs).Concat(seconds).Select(e => e.Evaluate(batch)), batch.Length)));
        return Shuffle(rows).MapPartitions(batches => Complete(batches, keyCount, functions, keyTypes, outputSchema));
    }

    private static IEnumerable<RecordBatch> Partial(IEnumerable<RecordBatch> batches, IReadOnlyList<Expression> keys, Expression[] inputs,
        IReadOnlyList<AggregateFunction> functions, ArrowTypes.IArrowType[] keyTypes, Schema partialSchema)
    {
        var table = GroupKeyTable.Create(keyTypes);
        var accumulators = functions.Select(Accumulator.Create).ToArray();
        int[] ids = [];
        long rowsIn = 0;
        bool passThrough = false;
        foreach (var batch in batches)
        {
            if (batch.Length == 0)
            {
                continue;
            }
            if (passThrough)
            {
                yield return PassThrough(batch, keys, inputs, functions, partialSchema, ref ids);
                continue;
            }
            var groupIds = Ids(ref ids, batch.Length);
            table.FindOrAdd(Evaluate(keys, batch), groupIds);
            Update(accumulators, table.Count, groupIds, inputs, functions, batch);
            rowsIn += batch.Length;
            if (keys.Count > 0 && rowsIn >= PartialSkipMinRows && table.Count > rowsIn * PartialSkipRatio)
            {
                // Nearly every row is a new group: aggregating this partition would only add a hash table's worth
                // of work before the exchange. Emit what is aggregated and pass the remaining rows through as
                // one-row states, for the final phase to combine (as Trino's adaptive partial aggregation does).
                passThrough = true;
                yield return States(table, accumulators, partialSchema);
            }
        }
        if (!passThrough && table.Count > 0)
        {
            yield return States(table, accumulators, partialSchema);
        }
    }

    /// <summary>Rows at which the partial phase first checks how much it reduces.</summary>
    private const int PartialSkipMinRows = 100_000;

    /// <summary>Groups per input row above which the partial phase stops aggregating.</summary>
    private const double PartialSkipRatio = 0.8;

    /// <summary>One batch as partial states without grouping: row i is group i.</summary>
    private static RecordBatch PassThrough(RecordBatch batch, IReadOnlyList<Expression> keys, Expression[] inputs,
        IReadOnlyList<AggregateFunction> functions, Schema partialSchema, ref int[] ids)
    {
        int rows = batch.Length;
        var identity = Ids(ref ids, rows);
        for (int i = 0; i < rows; i++) identity[i] = i;
        var accumulators = functions.Select(Accumulator.Create).ToArray();
        Update(accumulators, rows, identity, inputs, functions, batch);
        return new RecordBatch(partialSchema, Evaluate(keys, batch).Concat(accumulators.SelectMany(a => a.States(rows))), rows);
    }

    private static RecordBatch States(GroupKeyTable table, Accumulator[] accumulators, Schema partialSchema)
    {
        int groups = table.Count;
        foreach (var accumulator in accumulators) accumulator.Grow(groups);
        return new RecordBatch(partialSchema, table.BuildKeys().Concat(accumulators.SelectMany(a => a.States(groups))), groups);
    }

    private static void Update(Accumulator[] accumulators, int groups, Span<int> groupIds, Expression[] inputs, IReadOnlyList<AggregateFunction> functions, RecordBatch batch)
    {
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a].Grow(groups);
            accumulators[a].Update(groupIds, inputs[a].Evaluate(batch), functions[a].Second?.Evaluate(batch));
        }
    }

    private static ArrowArray[] Evaluate(IReadOnlyList<Expression> expressions, RecordBatch batch)
    {
        var result = new ArrowArray[expressions.Count];
        for (int i = 0; i < result.Length; i++) result[i] = expressions[i].Evaluate(batch);
        return result;
    }

    /// <summary>A group-id buffer of <paramref name="length"/> rows, reusing <paramref name="ids"/> across batches.</summary>
    private static Span<int> Ids(ref int[] ids, int length)
    {
        if (ids.Length < length) ids = new int[length];
        return ids.AsSpan(0, length);
    }

    private static IEnumerable<RecordBatch> Final(IEnumerable<RecordBatch> batches, int keyCount, IReadOnlyList<AggregateFunction> functions,
        ArrowTypes.IArrowType[] keyTypes, IReadOnlyList<ArrowTypes.IArrowType>[] stateTypes, Schema outputSchema)
    {
        var table = GroupKeyTable.Create(keyTypes);
        var accumulators = functions.Select(Accumulator.Create).ToArray();

        // Look ahead at the exchanged input (in memory already, unless the shuffle went to files): after the
        // exchange groups are at most rows, and when nearly every row is a group (a partial phase that passed rows
        // through) a table of millions must not grow step by step, re-inserting every group at each doubling.
        using var enumerator = batches.GetEnumerator();
        var ahead = new List<RecordBatch>();
        long rows = 0;
        bool complete = true;
        while (true)
        {
            if (rows >= LookAheadRowLimit)
            {
                complete = false;
                break;
            }
            if (!enumerator.MoveNext()) break;
            ahead.Add(enumerator.Current);
            rows += enumerator.Current.Length;
        }
        if (complete && keyCount > 0)
        {
            // All the input is at hand: the table takes it at once (and may reorder its work for the cache).
            var ids = table.FindOrAddAll([.. ahead.Select(b => b.Columns.Take(keyCount).ToArray())]);
            foreach (var accumulator in accumulators) accumulator.Grow(table.Count);
            for (int b = 0; b < ahead.Count; b++) MergeStates(accumulators, ids[b], ahead[b], keyCount, stateTypes, table.Count);
            return Emit(table, accumulators, outputSchema);
        }

        int capacity = (int)Math.Min(rows, LookAheadRowLimit);
        table.EnsureCapacity(capacity);
        foreach (var accumulator in accumulators) accumulator.Grow(capacity);
        int[] buffer = [];
        foreach (var batch in ahead.Concat(Rest(enumerator)))
        {
            var ids = Ids(ref buffer, batch.Length);
            table.FindOrAdd(batch.Columns.Take(keyCount).ToArray(), ids);
            MergeStates(accumulators, ids, batch, keyCount, stateTypes, table.Count);
        }
        return Emit(table, accumulators, outputSchema);
    }

    /// <summary>Rows of exchanged input the final phase looks ahead at before aggregating.</summary>
    private const int LookAheadRowLimit = 4 << 20;

    private static IEnumerable<RecordBatch> Rest(IEnumerator<RecordBatch> enumerator)
    {
        while (enumerator.MoveNext()) yield return enumerator.Current;
    }

    private static void MergeStates(Accumulator[] accumulators, ReadOnlySpan<int> ids, RecordBatch batch, int keyCount,
        IReadOnlyList<ArrowTypes.IArrowType>[] stateTypes, int groups)
    {
        int column = keyCount;
        for (int a = 0; a < accumulators.Length; a++)
        {
            accumulators[a].Grow(groups);
            accumulators[a].Merge(ids, batch.Columns.Skip(column).Take(stateTypes[a].Count).ToArray());
            column += stateTypes[a].Count;
        }
    }

    private static IEnumerable<RecordBatch> Complete(IEnumerable<RecordBatch> batches, int keyCount, IReadOnlyList<AggregateFunction> functions,
        ArrowTypes.IArrowType[] keyTypes, Schema outputSchema)
    {
        var table = GroupKeyTable.Create(keyTypes);
        var accumulators = functions.Select(Accumulator.Create).ToArray();
        int[] buffer = [];
        foreach (var batch in batches)
        {
            var ids = Ids(ref buffer, batch.Length);
            table.FindOrAdd(batch.Columns.Take(keyCount).ToArray(), ids);
            int second = keyCount + accumulators.Length;
            for (int a = 0; a < accumulators.Length; a++)
            {
                accumulators[a].Grow(table.Count);
                accumulators[a].Update(ids, batch.Columns[keyCount + a], functions[a].Second is null ? null : batch.Columns[second++]);
            }
        }
        return Emit(table, accumulators, outputSchema);
    }

    private static IEnumerable<RecordBatch> Emit(GroupKeyTable table, Accumulator[] accumulators, Schema outputSchema)
    {
        int groups = table.Count;
        if (groups == 0)
        {
            yield break;
        }
        foreach (var accumulator in accumulators) accumulator.Grow(groups);
        yield return new RecordBatch(outputSchema, table.BuildKeys().Concat(accumulators.Select(a => a.Result(groups))), groups);
    }

    public override string Describe() =>
        $"HashAggregate keys=[{string.Join(", ", GroupingExpressions)}] functions=[{string.Join(", ", AggregateExpressions)}]{(IsTwoPhase ? "" : " (single phase)")}";
}
