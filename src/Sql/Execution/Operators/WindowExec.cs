using Apache.Arrow;
using Rdd.Core;
using Rdd.Sql.Execution.Aggregation;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Execution.Operators;

/// <summary>
/// Window functions: the rows are exchanged by the partition keys (<see cref="Exchange.ByHash(Rdd{RecordBatch}, Func{RecordBatch, ArrowArray[]}, int)"/>,
/// or gathered into one partition without keys, or left as they are when the child is already partitioned so),
/// each RDD partition is concatenated, its rows grouped by the partition keys (NULL keys form their own partition;
/// partitions in order of first appearance) and each window partition sorted by the order keys, and every window
/// partition is computed in one pass. The output is the sorted input columns followed by one column per window
/// expression. Ranking functions count rows and peer groups (rows equal on the order keys); lag/lead read
/// the row at an offset inside the window partition; aggregates reuse the <see cref="Accumulator"/>s: over the
/// whole window partition without ORDER BY, else RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (running value
/// through the last peer of the current row).
/// </summary>
internal sealed class WindowExec : PhysicalPlan
{
    private readonly int? _numPartitions;

    /// <summary>Whether the child already holds each window partition whole in one RDD partition (no exchange needed).</summary>
    private readonly bool _childPartitioned;

    /// <param name="child">The input.</param>
    /// <param name="windowExpressions">Each a <see cref="WindowFunction"/> or <see cref="AggregateFunction"/>, or a <see cref="WindowExpression"/> over one, optionally under an <see cref="Alias"/>.</param>
    /// <param name="partitionSpec">The partition keys.</param>
    /// <param name="orderSpec">The order within a window partition.</param>
    /// <param name="numPartitions">Partitions after the exchange; the child's partition count by default.</param>
    /// <param name="childPartitioned">
    /// The child is already hash-partitioned by <paramref name="partitionSpec"/> (or in one partition without keys),
    /// as below a <see cref="WindowGroupLimitExec"/> in final mode: the window adds no exchange of its own.
    /// </param>
    public WindowExec(PhysicalPlan child, IReadOnlyList<Expression> windowExpressions, IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec,
        int? numPartitions = null, bool childPartitioned = false)
    {
        ArgumentNullException.ThrowIfNull(child);
        ArgumentNullException.ThrowIfNull(windowExpressions);
        ArgumentNullException.ThrowIfNull(partitionSpec);
        ArgumentNullException.ThrowIfNull(orderSpec);
        if (numPartitions is { } n) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n, nameof(numPartitions));
        Child = child;
        _numPartitions = numPartitions;
        _childPartitioned = childPartitioned;
        WindowExpressions = [.. windowExpressions.Select(e => e.Bind(child.Schema))];
        PartitionSpec = [.. partitionSpec.Select(e => e.Bind(child.Schema))];
        OrderSpec = [.. orderSpec.Select(e => (SortOrder)e.Bind(child.Schema))];
        Functions = [.. WindowExpressions.Select(e => (e is Alias alias ? alias.Child : e) switch
        {
            WindowExpression { Function: var f and (WindowFunction or AggregateFunction) } => f,
            var f and (WindowFunction or AggregateFunction) => f,
            _ => throw new ArgumentException($"'{e}' is not a window or aggregate function.", nameof(windowExpressions)),
        })];
        Frames = [.. WindowExpressions.Select(e => (e is Alias alias ? alias.Child : e) is WindowExpression w ? w.Frame : null)];
        Schema = new StructType(child.Schema.Fields
            .Concat(WindowExpressions.Select((e, i) => new StructField(NameOf(e), Functions[i].DataType, Functions[i].Nullable))));
    }

    public PhysicalPlan Child { get; }

    public IReadOnlyList<Expression> WindowExpressions { get; }

    public IReadOnlyList<Expression> PartitionSpec { get; }

    public IReadOnlyList<SortOrder> OrderSpec { get; }

    /// <summary>The functions (aliases and OVER clauses removed), in output order.</summary>
    public IReadOnlyList<Expression> Functions { get; }

    /// <summary>Each function's explicit ROWS frame (aggregates only), or null for the default frame.</summary>
    public IReadOnlyList<RowFrame?> Frames { get; }

    public override StructType Schema { get; }

    public override IReadOnlyList<PhysicalPlan> Children => [Child];

    public override Rdd<RecordBatch> Execute()
    {
        var input = Child.Execute();
        var partitionSpec = PartitionSpec;
        var orderSpec = OrderSpec;
        var functions = Functions;
        var frames = Frames;
        var inputSchema = Child.ArrowSchema;
        var outputSchema = ArrowSchema;
        int numPartitions = _numPartitions ?? Math.Max(1, input.NumPartitions);
        var shuffled = _childPartitioned ? input
            : partitionSpec.Count == 0
            ? Exchange.ToSinglePartition(input)
            : Exchange.ByHash(input, batch => [.. partitionSpec.Select(p => p.Evaluate(batch))], numPartitions);
        return shuffled.MapPartitions(batches => Compute(batches.ToList(), inputSchema, outputSchema, partitionSpec, orderSpec, functions, frames));
    }

    private static IEnumerable<RecordBatch> Compute(List<RecordBatch> batches, Schema inputSchema, Schema outputSchema,
        IReadOnlyList<Expression> partitionSpec, IReadOnlyList<SortOrder> orderSpec, IReadOnlyList<Expression> functions, IReadOnlyList<RowFrame?> frames)
    {
        var all = Batches.Concat(inputSchema, batches);
        int n = all.Length;
        if (n == 0)
        {
            yield break;
        }

        // Rows of one window partition together: the partition keys hashed to dense ids (NULL keys a partition of
        // their own), the rows placed by a counting sort on the id (partitions in order of first appearance, rows in
        // input order), then each partition sorted by the order keys with ties in input order. This costs
        // O(n + sum of m log m) over partitions of m rows instead of one comparison sort of all n rows.
        int partitions = 1;
        var partitionStarts = new int[] { 0, n };
        var permutation = new int[n];
        if (partitionSpec.Count == 0)
        {
            for (int i = 0; i < n; i++) permutation[i] = i;
        }
        else
        {
            var keys = new ArrowArray[partitionSpec.Count];
            for (int k = 0; k < keys.Length; k++) keys[k] = partitionSpec[k].Evaluate(all);
            var table = GroupKeyTable.Create([.. keys.Select(k => k.Data.DataType)]);
            var groupIds = new int[n];
            table.FindOrAdd(keys, groupIds);
            partitions = table.Count;
            partitionStarts = new int[partitions + 1];
            foreach (int g in groupIds) partitionStarts[g + 1]++;
            for (int g = 0; g < partitions; g++) partitionStarts[g + 1] += partitionStarts[g];
            var next = partitionStarts[..partitions];
            for (int i = 0; i < n; i++) permutation[next[groupIds[i]]++] = i;
        }
        var order = new RowOrder([.. orderSpec.Select(o => SortExec.SortKey.Create(o.Child.Evaluate(all), o.Ascending, o.NullsFirst))]);
        if (orderSpec.Count > 0)
        {
            for (int p = 0; p < partitions; p++)
            {
                var segment = permutation.AsSpan(partitionStarts[p], partitionStarts[p + 1] - partitionStarts[p]);
                if (segment.Length > 1) segment.Sort(order);
            }
        }
        var sorted = partitionSpec.Count == 0 && orderSpec.Count == 0 ? all : TakeKernel.Take(all, permutation);

        // Partition and peer-group (rows equal on the order keys) ids of the sorted rows.
        var partitionIds = new int[n];
        var peerIds = new int[n];
        int peers = 0;
        for (int p = 0; p < partitions; p++)
        {
            for (int i = partitionStarts[p]; i < partitionStarts[p + 1]; i++)
            {
                if (i == partitionStarts[p] || order.CompareKeys(permutation[i - 1], permutation[i]) != 0) peers++;
                partitionIds[i] = p;
                peerIds[i] = peers - 1;
            }
        }

        var frame = new Frame(n, partitionIds, peerIds, partitionStarts, partitions, orderSpec.Count > 0);
        var columns = sorted.Columns.Concat(functions.Select((f, i) => f switch
        {
            WindowFunction w => ComputeWindowFunction(w, sorted, frame, frames[i]),
            AggregateFunction a when frames[i] is { } rows => ComputeRowsAggregate(a, sorted, frame, rows),
            AggregateFunction a => ComputeAggregate(a, sorted, frame),
            _ => throw new NotSupportedException($"'{f}' cannot be computed over a window."),
        })).ToList();
        yield return new RecordBatch(outputSchema, columns, n);
    }

    /// <summary>Rows of the unsorted batch by the order keys, then by position (input order among ties).</summary>
    private readonly struct RowOrder(SortExec.SortKey[] keys) : IComparer<int>
    {
        public int CompareKeys(int a, int b)
        {
            foreach (var key in keys)
            {
                int c = key.Compare(a, b);
                if (c != 0) return c;
            }
            return 0;
        }

        public int Compare(int a, int b)
        {
            int c = CompareKeys(a, b);
            return c != 0 ? c : a.CompareTo(b);
        }
    }

    private sealed record Frame(int Rows, int[] PartitionIds, int[] PeerIds, int[] PartitionStarts, int Partitions, bool Ordered);

    private static ArrowArray ComputeWindowFunction(WindowFunction function, RecordBatch batch, Frame frame, RowFrame? rows)
    {
        int n = frame.Rows;
        if (function.Input is null)
        {
            return ComputeRanking(function, frame);
        }
        if (function.Kind == WindowFunctionKind.NthValue)
        {
            return ComputeNthValue(function, batch, frame, rows);
        }
        var input = function.Input!.Evaluate(batch);
        var defaults = function.Default!.Evaluate(batch);
        int offset = function.Kind == WindowFunctionKind.Lag ? -function.Offset : function.Offset;
        var result = new object?[n];
        for (int i = 0; i < n; i++)
        {
            int source = i + offset;
            result[i] = source >= 0 && source < n && frame.PartitionIds[source] == frame.PartitionIds[i]
                ? ArrayValues.Get(input, source)
                : ArrayValues.Get(defaults, i);
        }
        return ColumnValues.FromObjects(ArrowTypeMapping.ToArrowType(function.DataType), result);
    }

    /// <summary>
    /// The functions of a row's position: row_number, rank, dense_rank, percent_rank, cume_dist and ntile, from the
    /// row's index in its partition, the partition's size and where its peer group ends.
    /// </summary>
    private static ArrowArray ComputeRanking(WindowFunction function, Frame frame)
    {
        int n = frame.Rows;
        var peerEnds = PeerEnds(frame);
        bool fractional = function.Kind is WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist;
        var longs = fractional ? [] : new long[n];
        var doubles = fractional ? new double[n] : [];
        int rank = 0, dense = 0;
        for (int i = 0; i < n; i++)
        {
            int partition = frame.PartitionIds[i];
            int start = frame.PartitionStarts[partition];
            int size = frame.PartitionStarts[partition + 1] - start;
            bool first = i == start;
            bool newPeer = first || frame.PeerIds[i] != frame.PeerIds[i - 1];
            int rowNumber = i - start + 1;
            if (first) dense = 0;
            if (newPeer)
            {
                rank = rowNumber;
                dense++;
            }
            switch (function.Kind)
            {
                case WindowFunctionKind.RowNumber: longs[i] = rowNumber; break;
                case WindowFunctionKind.Rank: longs[i] = rank; break;
                case WindowFunctionKind.DenseRank: longs[i] = dense; break;
                case WindowFunctionKind.PercentRank: doubles[i] = size == 1 ? 0.0 : (rank - 1) / (double)(size - 1); break;
                case WindowFunctionKind.CumeDist: doubles[i] = (peerEnds[i] - start + 1) / (double)size; break;
                default: longs[i] = Ntile(rowNumber - 1, size, function.Offset); break;
            }
        }
        if (fractional)
        {
            var values = KernelArrays.AllocateValues<double>(n);
            doubles.CopyTo(KernelArrays.AsSpan<double>(values));
            return KernelArrays.Fixed(Types.DoubleType.Instance, values, null, n);
        }
        return ColumnValues.FromLongs(ArrowTypes.Int32Type.Default, longs, default);
    }

    /// <summary>Spark's ntile: the first (size mod buckets) buckets hold one row more than the others.</summary>
    private static int Ntile(int row, int size, int buckets)
    {
        int smaller = size / buckets, larger = size % buckets;
        int inLarger = larger * (smaller + 1);
        return row < inLarger ? row / (smaller + 1) + 1 : larger + (row - inLarger) / smaller + 1;
    }

    /// <summary>The index of the last row of each row's peer group (peers are adjacent after sorting).</summary>
    private static int[] PeerEnds(Frame frame)
    {
        var ends = new int[frame.Rows];
        for (int i = frame.Rows - 1; i >= 0; i--)
        {
            ends[i] = i + 1 < frame.Rows && frame.PeerIds[i + 1] == frame.PeerIds[i] ? ends[i + 1] : i;
        }
        return ends;
    }

    /// <summary>
    /// nth_value(x, n): x at row (frame start + n - 1), NULL when that row is past the frame's end. The frame is the
    /// ROWS frame when given, else Spark's default: the partition up to the current row's last peer when ordered,
    /// the whole partition otherwise. One gather of the input by row index.
    /// </summary>
    private static ArrowArray ComputeNthValue(WindowFunction function, RecordBatch batch, Frame frame, RowFrame? rows)
    {
        int n = frame.Rows;
        var peerEnds = PeerEnds(frame);
        var indices = new int[n];
        for (int i = 0; i < n; i++)
        {
            int partition = frame.PartitionIds[i];
            long first = frame.PartitionStarts[partition], last = frame.PartitionStarts[partition + 1] - 1;
            long lo = first, hi = frame.Ordered ? peerEnds[i] : last;
            if (rows is { } r)
            {
                lo = r.Start == long.MinValue ? first : Math.Max(first, i + r.Start);
                hi = r.End == long.MaxValue ? last : Math.Min(last, i + r.End);
            }
            long target = lo + function.Offset - 1;
            indices[i] = target <= hi ? (int)target : -1;
        }
        var input = function.Input!.Evaluate(batch);
        return Batches.TakeOrNull(input, indices, input.Data.DataType);
    }

    private static ArrowArray ComputeAggregate(AggregateFunction function, RecordBatch batch, Frame frame)
    {
        var input = function.Child.Evaluate(batch);
        var second = function.Second?.Evaluate(batch);
        if (!frame.Ordered)
        {
            // The whole window partition: one accumulator group per partition.
            var accumulator = Accumulator.Create(function);
            accumulator.Grow(frame.Partitions);
            accumulator.Update(frame.PartitionIds, input, second);
            return TakeKernel.Take(accumulator.Result(frame.Partitions), frame.PartitionIds);
        }

        // RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: fold each peer group in order, read the running value.
        int n = frame.Rows;
        var result = new object?[n];
        Accumulator? running = null;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && frame.PeerIds[end] == frame.PeerIds[start]) end++;
            if (start == 0 || frame.PartitionIds[start] != frame.PartitionIds[start - 1])
            {
                running = Accumulator.Create(function);
                running.Grow(1);
            }
            var rows = new int[end - start];
            for (int i = 0; i < rows.Length; i++) rows[i] = start + i;
            running!.Update(new int[rows.Length], TakeKernel.Take(input, rows), second is null ? null : TakeKernel.Take(second, rows));
            var value = ArrayValues.Get(running.Result(1), 0);
            for (int i = start; i < end; i++) result[i] = value;
            start = end;
        }
        return ColumnValues.FromObjects(ArrowTypeMapping.ToArrowType(function.DataType), result);
    }

    /// <summary>
    /// An aggregate over ROWS BETWEEN start AND end, clipped to the window partition: incrementally while the frame
    /// starts at the partition's first row, else folding each row's frame afresh. An empty frame gives the value of
    /// no input (NULL, or 0 for count).
    /// </summary>
    private static ArrowArray ComputeRowsAggregate(AggregateFunction function, RecordBatch batch, Frame frame, RowFrame rows)
    {
        var input = function.Child.Evaluate(batch);
        var second = function.Second?.Evaluate(batch);
        var result = new object?[frame.Rows];
        for (int p = 0; p < frame.Partitions; p++)
        {
            int first = frame.PartitionStarts[p], last = frame.PartitionStarts[p + 1] - 1;
            Accumulator? running = null;
            int folded = first; // rows first..folded-1 are in the running accumulator
            for (int i = first; i <= last; i++)
            {
                long lo = rows.Start == long.MinValue ? first : Math.Max(first, i + rows.Start);
                long hi = rows.End == long.MaxValue ? last : Math.Min(last, i + rows.End);
                if (rows.Start == long.MinValue)
                {
                    if (running is null)
                    {
                        running = Accumulator.Create(function);
                        running.Grow(1);
                    }
                    if (hi >= folded)
                    {
                        Fold(running, input, second, folded, (int)hi);
                        folded = (int)hi + 1;
                    }
                    result[i] = ArrayValues.Get(running.Result(1), 0);
                    continue;
                }
                var accumulator = Accumulator.Create(function);
                accumulator.Grow(1);
                if (lo <= hi) Fold(accumulator, input, second, (int)lo, (int)hi);
                result[i] = ArrayValues.Get(accumulator.Result(1), 0);
            }
        }
        return ColumnValues.FromObjects(ArrowTypeMapping.ToArrowType(function.DataType), result);
    }

    /// <summary>Folds rows <paramref name="from"/>..<paramref name="to"/> (inclusive) into group 0.</summary>
    private static void Fold(Accumulator accumulator, ArrowArray input, ArrowArray? second, int from, int to)
    {
        var rows = new int[to - from + 1];
        for (int i = 0; i < rows.Length; i++) rows[i] = from + i;
        accumulator.Update(new int[rows.Length], TakeKernel.Take(input, rows), second is null ? null : TakeKernel.Take(second, rows));
    }

    public override string Describe() =>
        $"Window [{string.Join(", ", WindowExpressions)}], partition=[{string.Join(", ", PartitionSpec)}], order=[{string.Join(", ", OrderSpec)}]"
        + (_childPartitioned ? ", child partitioned" : "");
}
