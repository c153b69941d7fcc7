using Apache.Arrow;
using Rdd.Sql;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;

namespace Rdd.MlLib;

/// <summary>
/// <see cref="StandardScalerModel"/>'s column: (x − mean) / std per feature, or x / std without centering, as Spark's
/// <c>StandardScalerModel.transform</c> (a feature with std 0 becomes 0). Dense output when centering; a sparse input
/// stays sparse when only scaling. Null vectors stay null.
/// </summary>
internal sealed class ScaleVector(Expression input, double[] shift, double[] scale, bool withMean) : Expression
{
    public override IReadOnlyList<Expression> Children => [input];

    public override Expression WithChildren(IReadOnlyList<Expression> children) => new ScaleVector(children[0], shift, scale, withMean);

    public override DataType DataType => VectorType.Instance;

    public override ArrowArray Evaluate(RecordBatch batch)
    {
        var column = new VectorColumn((StructArray)input.Evaluate(batch));
        int n = column.Length;
        int p = scale.Length;
        using var builder = new VectorColumnBuilder(n, n * p);
        var row = new double[p];
        var scaled = new double[p];
        for (int i = 0; i < n; i++)
        {
            if (column.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            if (column.Size(i) != p)
            {
                throw new ArgumentException($"A features vector has {column.Size(i)} values; the scaler was fitted on {p}.");
            }
            if (column.IsDense(i) || withMean)
            {
                if (column.IsDense(i))
                {
                    column.Values(i).CopyTo(row);
                }
                else
                {
                    System.Array.Clear(row);
                    var indices = column.Indices(i);
                    var values = column.Values(i);
                    for (int k = 0; k < indices.Length; k++)
                    {
                        row[indices[k]] = values[k];
                    }
                }
                for (int j = 0; j < p; j++)
                {
                    row[j] = (row[j] - (withMean ? shift[j] : 0)) * scale[j];
                }
                builder.AppendDense(row);
            }
            else
            {
                var indices = column.Indices(i);
                var values = column.Values(i);
                for (int k = 0; k < indices.Length; k++)
                {
                    scaled[k] = values[k] * scale[indices[k]];
                }
                builder.AppendSparse(p, indices, scaled.AsSpan(0, indices.Length));
            }
        }
        return builder.Build();
    }

    public override string ToString() => $"standard_scaler({input})";
}
