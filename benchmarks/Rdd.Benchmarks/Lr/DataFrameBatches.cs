using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Rdd.Core;
using Rdd.Core.Scheduling;
using Rdd.Sql;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// Reads a <see cref="DataFrame"/>'s Arrow record batches partition by partition on the caller's own threads,
/// without a job: the frame's physical plan (for <c>sqlContext.Read.Csv(path)</c>, the CSV scan and its reader)
/// computes each partition, and <paramref name="body"/> gets the batches as they come.
/// </summary>
/// <remarks>
/// Rdd.Sql shows its internals to Rdd.MlLib but not to this app (only Rdd.Core does), so the frame's
/// <c>Execute()</c>, the batch type and the Arrow column buffers are reached by reflection: a few calls per batch
/// and column (a batch is 8,192 CSV rows), none per row. The spans handed out are the column buffers themselves.
/// </remarks>
internal static class DataFrameBatches
{
    private static readonly MethodInfo ExecuteMethod =
        typeof(DataFrame).GetMethod("Execute", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)
        ?? throw new MissingMethodException("Rdd.Sql's DataFrame has no internal Execute(): DataFrameBatches needs updating.");

    private static readonly MethodInfo CoreMethod =
        typeof(DataFrameBatches).GetMethod(nameof(MapPartitionsCore), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>Runs <paramref name="body"/> on every partition of <paramref name="frame"/> on <paramref name="workers"/> threads; results in partition order.</summary>
    public static TResult[] MapPartitions<TResult>(DataFrame frame, RddContext context, int workers, Func<int, IEnumerable<BatchView>, TResult> body)
    {
        object rdd = Invoke(ExecuteMethod, frame, []);
        var batchType = ElementType(rdd.GetType());
        return (TResult[])Invoke(CoreMethod.MakeGenericMethod(batchType, typeof(TResult)), null, [rdd, context, workers, body]);
    }

    private static TResult[] MapPartitionsCore<TBatch, TResult>(Rdd<TBatch> rdd, RddContext context, int workers, Func<int, IEnumerable<BatchView>, TResult> body)
        where TBatch : class
    {
        var partitions = rdd.Partitions;
        var results = new TResult[partitions.Length];
        Parallel.For(0, partitions.Length, new ParallelOptions { MaxDegreeOfParallelism = workers }, p =>
        {
            var task = TaskContext.ForDriver(context, p);
            using var scope = task.Enter();
            results[p] = body(p, rdd.Iterator(partitions[p], task).Select(batch => new BatchView(batch)));
        });
        return results;
    }

    private static Type ElementType(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Rdd<>)) return t.GetGenericArguments()[0];
        throw new InvalidOperationException($"{type} is not an Rdd.");
    }

    private static object Invoke(MethodInfo method, object? target, object?[] args)
    {
        try
        {
            return method.Invoke(target, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>One record batch: its row count and its fixed-width columns as spans over the Arrow buffers.</summary>
    internal readonly struct BatchView(object batch)
    {
        private static readonly ConcurrentDictionary<Type, Accessors> Cache = new();

        public int Length => (int)Get(batch.GetType()).Length.GetValue(batch)!;

        /// <summary>The values of column <paramref name="index"/>, an Arrow array of <typeparamref name="T"/> with no nulls.</summary>
        public ReadOnlySpan<T> Values<T>(int index) where T : unmanaged
        {
            var accessors = Get(batch.GetType());
            object array = Invoke(accessors.Column!, batch, [index]);
            var arrayAccessors = Get(array.GetType());
            int nulls = (int)arrayAccessors.NullCount!.GetValue(array)!;
            if (nulls > 0) throw new InvalidDataException($"Column {index} has {nulls} null values; the floor reads complete columns only.");
            int offset = (int)arrayAccessors.Offset!.GetValue(array)!;
            int length = (int)arrayAccessors.Length.GetValue(array)!;
            object buffer = arrayAccessors.ValueBuffer!.GetValue(array)!;
            var memory = (ReadOnlyMemory<byte>)Get(buffer.GetType()).Memory!.GetValue(buffer)!;
            return MemoryMarshal.Cast<byte, T>(memory.Span).Slice(offset, length);
        }

        private static Accessors Get(Type type) => Cache.GetOrAdd(type, static t =>
        {
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            return new Accessors(
                t.GetProperty("Length", Flags)!,
                t.GetMethod("Column", Flags, [typeof(int)]),
                t.GetProperty("Offset", Flags),
                t.GetProperty("NullCount", Flags),
                t.GetProperty("ValueBuffer", Flags),
                t.GetProperty("Memory", Flags));
        });

        private sealed record Accessors(PropertyInfo Length, MethodInfo? Column, PropertyInfo? Offset, PropertyInfo? NullCount, PropertyInfo? ValueBuffer, PropertyInfo? Memory);
    }
}
