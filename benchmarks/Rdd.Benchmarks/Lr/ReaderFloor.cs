using System.Numerics.Tensors;
using Rdd.Core;
using Rdd.Sql;
using Rdd.Sql.Types;

namespace Rdd.Benchmarks.Lr;

/// <summary>
/// Floor (d), the floor of Rdd.MlLib's LogisticRegression in <see cref="ExecutionMode.MapReduce"/> mode: one
/// evaluation of the same objective (binary logistic loss and gradient, averaged, standardized features with an
/// intercept, as <see cref="Workloads.FlatLogisticLoss"/>) that reads and parses the CSV again with the same reader
/// (the batches of <c>sqlContext.Read.Csv(path)</c>, through <see cref="DataFrameBatches"/>: no job, no scheduler)
/// and computes the loss and gradient straight from the Arrow columns, column by column with
/// <see cref="TensorPrimitives"/>: no feature vectors assembled, no blocks copied.
/// </summary>
internal sealed class ReaderFloor
{
    private readonly DataFrame _frame;
    private readonly RddContext _context;
    private readonly int _workers;
    private readonly int _label;
    private readonly int[] _features;
    private readonly bool[] _isDouble;
    private readonly bool[] _isInt;
    private readonly double[] _std;

    /// <param name="frame">The CSV as read, <c>sqlContext.Read.Csv(path)</c>.</param>
    /// <param name="context">The context whose mode computes the frame (MapReduce: nothing cached).</param>
    /// <param name="workers">Threads (partitions run in parallel).</param>
    /// <param name="featureColumns">The feature columns, in the assembler's order.</param>
    /// <param name="std">Each feature's standard deviation (as floor (c) computes it).</param>
    public ReaderFloor(DataFrame frame, RddContext context, int workers, string labelColumn, string[] featureColumns, double[] std)
    {
        _frame = frame;
        _context = context;
        _workers = workers;
        var names = frame.Columns;
        _label = Index(names, labelColumn);
        _features = featureColumns.Select(c => Index(names, c)).ToArray();
        _isDouble = names.Select((_, i) => frame.Schema[i].DataType is DoubleType).ToArray();
        _isInt = names.Select((_, i) => frame.Schema[i].DataType is IntegerType).ToArray();
        foreach (int c in _features.Append(_label))
            if (frame.Schema[c].DataType is not (DoubleType or IntegerType or LongType))
                throw new ArgumentException($"Column '{names[c]}' is {frame.Schema[c].DataType.SimpleString}; the reader floor reads int, bigint and double columns.");
        _std = std;
    }

    /// <summary>Rows seen by the last evaluation.</summary>
    public long Rows { get; private set; }

    /// <summary>The average loss at <paramref name="coefficients"/> (standardized space, intercept last); the gradient into <paramref name="gradient"/>.</summary>
    public double Evaluate(ReadOnlySpan<double> coefficients, Span<double> gradient)
    {
        int d = _features.Length;
        var scaled = new double[d];
        for (int j = 0; j < d; j++) scaled[j] = _std[j] > 0 ? coefficients[j] / _std[j] : 0;
        double intercept = coefficients[d];
        var partials = DataFrameBatches.MapPartitions(_frame, _context, _workers, (_, batches) =>
        {
            var sum = new double[d + 1];
            double loss = 0;
            long rows = 0;
            double[] margins = [], work = [], labels = [], converted = [];
            foreach (var batch in batches)
            {
                int m = batch.Length;
                if (m == 0) continue;
                rows += m;
                if (margins.Length < m)
                {
                    margins = new double[m];
                    work = new double[m];
                    labels = new double[m];
                    converted = new double[m];
                }
                var margin = margins.AsSpan(0, m);
                var t = work.AsSpan(0, m);
                var y = labels.AsSpan(0, m);
                margin.Fill(intercept);
                for (int j = 0; j < d; j++)
                    TensorPrimitives.MultiplyAdd(Column(batch, _features[j], converted), scaled[j], margin, margin);
                // Labels 0/1 (or ±1 in a user's file) become 0/1.
                var label = Column(batch, _label, converted);
                for (int i = 0; i < m; i++) y[i] = label[i] > 0 ? 1 : 0;

                // loss_i = log(1 + e^m) - y m = max(m, 0) + log1p(e^-|m|) - y m
                TensorPrimitives.Abs(margin, t);
                TensorPrimitives.Negate(t, t);
                TensorPrimitives.Exp(t, t);
                TensorPrimitives.LogP1(t, t);
                loss += TensorPrimitives.Sum<double>(t);
                TensorPrimitives.Max(margin, 0.0, t);
                loss += TensorPrimitives.Sum<double>(t) - TensorPrimitives.Dot<double>(y, margin);

                // multiplier_i = sigmoid(m) - y; ∂β_j += Σ multiplier_i x_ij (divided by σ_j at the end)
                TensorPrimitives.Sigmoid(margin, t);
                TensorPrimitives.Subtract(t, y, t);
                sum[d] += TensorPrimitives.Sum<double>(t);
                for (int j = 0; j < d; j++)
                    sum[j] += TensorPrimitives.Dot<double>(t, Column(batch, _features[j], converted));
            }
            return (Loss: loss, Sum: sum, Rows: rows);
        });
        gradient.Clear();
        double total = 0;
        long n = 0;
        foreach (var p in partials)
        {
            total += p.Loss;
            TensorPrimitives.Add(gradient, p.Sum, gradient);
            n += p.Rows;
        }
        if (n == 0) throw new InvalidDataException("The CSV has no rows.");
        Rows = n;
        for (int j = 0; j < d; j++) gradient[j] = _std[j] > 0 ? gradient[j] / _std[j] / n : 0;
        gradient[d] /= n;
        return total / n;
    }

    /// <summary>A column as doubles: the Arrow buffer itself for a double column, else converted into <paramref name="scratch"/>.</summary>
    private ReadOnlySpan<double> Column(DataFrameBatches.BatchView batch, int column, double[] scratch)
    {
        if (_isDouble[column]) return batch.Values<double>(column);
        var destination = scratch.AsSpan(0, batch.Length);
        if (_isInt[column])
        {
            var ints = batch.Values<int>(column);
            for (int i = 0; i < ints.Length; i++) destination[i] = ints[i];
        }
        else
        {
            var longs = batch.Values<long>(column);
            for (int i = 0; i < longs.Length; i++) destination[i] = longs[i];
        }
        return destination;
    }

    private static int Index(string[] names, string column)
    {
        int index = Array.IndexOf(names, column);
        return index >= 0 ? index : throw new ArgumentException($"The CSV has no column '{column}'.");
    }
}
