using System.Runtime.InteropServices;
using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Types;

namespace Rdd.MlLib;

/// <summary>
/// A number in [0, 1) drawn for each row from a seeded hash of all its values: how tuning splits a frame into
/// folds. It depends only on the seed and the row's contents, never on partitioning or batch boundaries, so the
/// same seed always gives the same folds and a row's training and validation roles never overlap (Spark draws
/// per-partition random numbers instead, which depend on the partitioning).
/// </summary>
internal sealed class RowUniform(IReadOnlyList<Expression> columns, long seed) : Expression
{
    public override IReadOnlyList<Expression> Children => columns;

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new RowUniform(children, seed);

    public override DataType DataType => DataTypes.Double;

    public override bool Nullable => false;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        int n = batch.Length;
        var hashes = new ulong[n];
        System.Array.Fill(hashes, Mix((ulong)seed ^ 0x9E3779B97F4A7C15UL));
        foreach (var column in columns)
        {
            HashInto(column.Evaluate(batch), hashes);
        }
        var values = KernelArrays.AllocateValues<double>(n);
        var target = KernelArrays.AsSpan<double>(values);
        for (int i = 0; i < n; i++)
        {
            target[i] = (Mix(hashes[i]) >> 11) * (1.0 / (1UL << 53));
        }
        return KernelArrays.Fixed(DataTypes.Double, values, null, n);
    }

    private static void HashInto(ArrowArray array, ulong[] hashes)
    {
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Mix(hashes[i] ^ (array.IsNull(i) ? 0x5BD1E995UL : ValueHash(array, i)));
        }
    }

    private static ulong ValueHash(ArrowArray array, int i) => array switch
    {
        BooleanArray b => b.GetBit(i) ? 1UL : 2UL,
        BinaryArray b => Bytes(b.GetBytes(i)),
        PrimitiveArray<sbyte> p => (ulong)p.Values[i],
        PrimitiveArray<short> p => (ulong)p.Values[i],
        PrimitiveArray<int> p => (ulong)p.Values[i],
        PrimitiveArray<long> p => (ulong)p.Values[i],
        PrimitiveArray<float> p => (ulong)BitConverter.DoubleToInt64Bits(p.Values[i]),
        PrimitiveArray<double> p => (ulong)BitConverter.DoubleToInt64Bits(p.Values[i] == 0 ? 0 : p.Values[i]),
        StructArray s => Struct(s, i),
        _ => throw new NotSupportedException($"Rows with a {ArrowTypeMapping.Describe(array.Data.DataType)} column cannot be split into folds."),
    };

    private static ulong Struct(StructArray array, int i)
    {
        ulong hash = 0xC2B2AE3D27D4EB4FUL;
        for (int f = 0; f < array.StructType.Fields.Count; f++)
        {
            var child = array.Field(f);
            ulong value = child.IsNull(i) ? 0x165667B19E3779F9UL : child switch
            {
                ListArray list when list.ListType.ValueField.DataType is Apache.Arrow.Types.DoubleType => Bytes(MemoryMarshal.AsBytes(list.GetValues<double>(i))),
                ListArray list => Bytes(MemoryMarshal.AsBytes(list.GetValues<int>(i))),
                _ => ValueHash(child, i),
            };
            hash = Mix(hash ^ value);
        }
        return hash;
    }

    private static ulong Bytes(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 0x27D4EB2F165667C5UL ^ (ulong)bytes.Length;
        while (bytes.Length >= 8)
        {
            hash = Mix(hash ^ MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (int k = 0; k < bytes.Length; k++)
        {
            tail |= (ulong)bytes[k] << (8 * k);
        }
        return Mix(hash ^ tail);
    }

    /// <summary>SplitMix64's finalizer: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public override string ToString() => $"row_uniform({seed})";
}
