using System.Numerics;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql.Tests.Expressions;

public class CompareKernelTests
{
    private static readonly ComparisonOperator[] s_operators = Enum.GetValues<ComparisonOperator>();

    private static bool Expected<T>(ComparisonOperator op, T x, T y) where T : INumber<T>
    {
        // Spark's order for floating point: NaN equals NaN and sorts above everything.
        int c = T.IsNaN(x) ? (T.IsNaN(y) ? 0 : 1) : T.IsNaN(y) ? -1 : x.CompareTo(y);
        return op switch
        {
            ComparisonOperator.Equal => c == 0,
            ComparisonOperator.NotEqual => c != 0,
            ComparisonOperator.LessThan => c < 0,
            ComparisonOperator.LessThanOrEqual => c <= 0,
            ComparisonOperator.GreaterThan => c > 0,
            _ => c >= 0,
        };
    }

    private static PrimitiveArray<T> Build<T>(T?[] values) where T : unmanaged, IEquatable<T>
    {
        var builder = new TestArrayBuilder<T>();
        foreach (var v in values)
        {
            builder.Append(v);
        }
        return builder.Build();
    }

    private static void Check<T>(Func<Random, T> next, ArrowTypes.IArrowType type) where T : unmanaged, INumber<T>
    {
        var random = new Random(7);
        for (int length = 0; length < 70; length += length < 20 ? 1 : 7)
        {
            var x = Enumerable.Range(0, length).Select(_ => random.Next(6) == 0 ? null : (T?)next(random)).ToArray();
            var y = Enumerable.Range(0, length).Select(_ => random.Next(6) == 0 ? null : (T?)next(random)).ToArray();
            var scalar = next(random);
            var left = Build(x);
            var right = Build(y);
            foreach (var op in s_operators)
            {
                var result = CompareKernels.Compute(op, type, Operand.Of(left), Operand.Of(right), length);
                var expected = x.Zip(y, (a, b) => a is null || b is null ? null : (bool?)Expected(op, a.Value, b.Value));
                Assert.Equal(expected, Enumerable.Range(0, length).Select(result.GetValue));

                var withScalar = CompareKernels.Compute(op, type, Operand.Of(left), Operand.OfScalar(scalar), length);
                Assert.Equal(x.Select(a => a is null ? null : (bool?)Expected(op, a.Value, scalar)), Enumerable.Range(0, length).Select(withScalar.GetValue));

                var scalarFirst = CompareKernels.Compute(op, type, Operand.OfScalar(scalar), Operand.Of(right), length);
                Assert.Equal(y.Select(b => b is null ? null : (bool?)Expected(op, scalar, b.Value)), Enumerable.Range(0, length).Select(scalarFirst.GetValue));
            }
        }
    }

    [Fact]
    public void Int8_AllOperatorsAllLengths() => Check(r => (sbyte)r.Next(-4, 4), ArrowTypes.Int8Type.Default);

    [Fact]
    public void Int16_AllOperatorsAllLengths() => Check(r => (short)r.Next(-4, 4), ArrowTypes.Int16Type.Default);

    [Fact]
    public void Int32_AllOperatorsAllLengths() => Check(r => r.Next(-4, 4), ArrowTypes.Int32Type.Default);

    [Fact]
    public void Int64_AllOperatorsAllLengths() => Check(r => (long)r.Next(-4, 4) << 40, ArrowTypes.Int64Type.Default);

    [Fact]
    public void Double_NaNFollowsSpark() =>
        Check(r => r.Next(5) == 0 ? double.NaN : r.Next(-3, 3) * 0.5, ArrowTypes.DoubleType.Default);
}
