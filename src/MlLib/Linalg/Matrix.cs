using System.Text;
using Rdd.Sql.Show;

namespace Rdd.MlLib;

/// <summary>
/// A dense matrix of doubles, Spark ML's <c>DenseMatrix</c> (the coefficient matrix of a multinomial model, one
/// row per class): values stored column by column as Spark stores them, or row by row when
/// <see cref="IsTransposed"/>. Immutable from the outside; prints like Spark's <c>toString</c>.
/// </summary>
public sealed class DenseMatrix : IEquatable<DenseMatrix>
{
    private readonly double[] _values;

    /// <summary>A <paramref name="numRows"/> × <paramref name="numCols"/> matrix over <paramref name="values"/> (column-major unless <paramref name="isTransposed"/>; not copied).</summary>
    /// <exception cref="ArgumentException">The value count is not rows × columns.</exception>
    public DenseMatrix(int numRows, int numCols, double[] values, bool isTransposed = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(numRows);
        ArgumentOutOfRangeException.ThrowIfNegative(numCols);
        if (values.Length != (long)numRows * numCols)
        {
            throw new ArgumentException($"A {numRows} x {numCols} matrix needs {(long)numRows * numCols} values, not {values.Length}.", nameof(values));
        }
        NumRows = numRows;
        NumCols = numCols;
        _values = values;
        IsTransposed = isTransposed;
    }

    /// <summary>The number of rows.</summary>
    public int NumRows { get; }

    /// <summary>The number of columns.</summary>
    public int NumCols { get; }

    /// <summary>Whether <see cref="Values"/> are stored row by row (Spark's flag).</summary>
    public bool IsTransposed { get; }

    /// <summary>The stored values, in storage order (a read-only view).</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The value at row <paramref name="i"/>, column <paramref name="j"/>.</summary>
    public double this[int i, int j]
    {
        get
        {
            if ((uint)i >= (uint)NumRows || (uint)j >= (uint)NumCols)
            {
                throw new IndexOutOfRangeException($"({i}, {j}) is outside a {NumRows} x {NumCols} matrix.");
            }
            return IsTransposed ? _values[i * NumCols + j] : _values[j * NumRows + i];
        }
    }

    /// <summary>Row <paramref name="i"/> as a dense vector (a copy).</summary>
    public DenseVector Row(int i)
    {
        var row = new double[NumCols];
        for (int j = 0; j < NumCols; j++)
        {
            row[j] = this[i, j];
        }
        return new DenseVector(row);
    }

    /// <summary>The values row by row, as a new <c>double[rows, cols]</c>.</summary>
    public double[,] ToArray2D()
    {
        var array = new double[NumRows, NumCols];
        for (int i = 0; i < NumRows; i++)
        {
            for (int j = 0; j < NumCols; j++)
            {
                array[i, j] = this[i, j];
            }
        }
        return array;
    }

    /// <summary>The values row by row (a copy).</summary>
    internal double[] RowMajor()
    {
        if (IsTransposed)
        {
            return (double[])_values.Clone();
        }
        var values = new double[_values.Length];
        for (int i = 0; i < NumRows; i++)
        {
            for (int j = 0; j < NumCols; j++)
            {
                values[i * NumCols + j] = _values[j * NumRows + i];
            }
        }
        return values;
    }

    /// <inheritdoc />
    public bool Equals(DenseMatrix? other)
    {
        if (other is null || other.NumRows != NumRows || other.NumCols != NumCols)
        {
            return false;
        }
        for (int i = 0; i < NumRows; i++)
        {
            for (int j = 0; j < NumCols; j++)
            {
                if (!this[i, j].Equals(other[i, j]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DenseMatrix other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NumRows, NumCols, NumRows * NumCols > 0 ? this[0, 0] : 0);

    /// <summary>Rows on lines, values separated by two spaces, as Spark's (Breeze's) matrix text.</summary>
    public override string ToString()
    {
        var cells = new string[NumRows, NumCols];
        var widths = new int[NumCols];
        for (int i = 0; i < NumRows; i++)
        {
            for (int j = 0; j < NumCols; j++)
            {
                cells[i, j] = ValueFormatter.Format(this[i, j]);
                widths[j] = Math.Max(widths[j], cells[i, j].Length);
            }
        }
        var text = new StringBuilder();
        for (int i = 0; i < NumRows; i++)
        {
            if (i > 0)
            {
                text.Append('\n');
            }
            for (int j = 0; j < NumCols; j++)
            {
                if (j > 0)
                {
                    text.Append("  ");
                }
                text.Append(cells[i, j].PadLeft(widths[j]));
            }
        }
        return text.ToString();
    }
}
