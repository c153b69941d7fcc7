using System.Buffers;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Selects the rows of a Parquet batch by the conjuncts of a filter that read one column only, when that column was
/// read as an Arrow dictionary (<see cref="DictionaryReads"/>): each conjunct is evaluated once per dictionary value
/// (and once for null) and rows are selected from their indices, before anything is decoded. The reader then
/// expands only the surviving rows of the dictionary columns and gathers only those of the others: TPC-H Q19 keeps
/// ~7% of lineitem by <c>l_shipmode IN (...) AND l_shipinstruct = ...</c>, Q12 ~29% by <c>l_shipmode IN (...)</c>.
/// </summary>
/// <remarks>
/// Only a hint: the Filter above the scan still evaluates the whole condition on the rows kept (on their dictionary
/// codes, cheaply), so conjuncts over other columns, and batches whose column is not a dictionary (a split whose
/// chunks are not low-cardinality) need nothing here. A conjunct evaluated on a value is the same as on a row with
/// that value as long as it is deterministic and reads nothing but the column, which is what
/// <see cref="Applicable"/> keeps.
/// </remarks>
internal sealed class DictionaryFilter
{
    private readonly (int Column, Expression Predicate)[] _conjuncts;

    private DictionaryFilter((int Column, Expression Predicate)[] conjuncts) => _conjuncts = conjuncts;

    /// <summary>The conjuncts of <paramref name="condition"/> (bound to a scan's output) that read exactly one string or binary column, deterministically; null when none does.</summary>
    public static DictionaryFilter? Applicable(Expression condition)
    {
        var conjuncts = new List<(int, Expression)>();
        foreach (var conjunct in PlanExpressions.SplitConjuncts(condition))
        {
            var references = new Dictionary<int, BoundReference>();
            if (!PlanExpressions.IsDeterministic(conjunct) || !OnlyBoundReferences(conjunct, references)
                || references.Count != 1 || references.Values.Single().DataType is not (StringType or BinaryType)
                || conjunct.DataType is not BooleanType)
            {
                continue;
            }
            // The predicate over a one-column batch: the dictionary's values.
            var rebound = conjunct.TransformUp(e => e is BoundReference r ? new BoundReference(0, r.Name, r.DataType, nullable: true) : e);
            conjuncts.Add((references.Keys.Single(), rebound));
        }
        return conjuncts.Count == 0 ? null : new DictionaryFilter([.. conjuncts]);
    }

    /// <summary>The conjuncts, for plans' descriptions.</summary>
    public IEnumerable<Expression> Conjuncts => _conjuncts.Select(c => c.Predicate);

    /// <summary>
    /// The rows of <paramref name="columns"/> (a batch as read, before normalization) every applicable conjunct keeps,
    /// ascending, in the first <paramref name="count"/> slots of an array rented from <see cref="ArrayPool{T}.Shared"/>
    /// (the caller returns it); null when no conjunct applies to this batch (its column is not a dictionary here) or
    /// every row passes.
    /// </summary>
    /// <param name="columns">The batch's arrays, indexed as the filter's bound references.</param>
    /// <param name="length">The batch's rows.</param>
    /// <param name="names">The columns' names, for messages.</param>
    /// <param name="firstRow">The position of the batch's first row in its file, for messages.</param>
    /// <param name="count">How many rows are kept.</param>
    /// <exception cref="InvalidDataException">A dictionary index is outside its dictionary; the message names the column and row.</exception>
    public int[]? Select(IReadOnlyList<IArrowArray> columns, int length, IReadOnlyList<string> names, long firstRow, out int count)
    {
        int[]? selection = null;
        count = length;
        int[]? codes = null;
        try
        {
            foreach (var (column, predicate) in _conjuncts)
            {
                if (columns[column] is not DictionaryArray dictionaryArray)
                {
                    continue;
                }
                var dictionary = (ArrowArray)ArrowArrayNormalizer.Normalize(dictionaryArray.Dictionary, names[column], firstRow);
                var keep = Keeps(predicate, dictionary);
                bool keepNull = dictionaryArray.NullCount > 0 && KeepsNull(predicate, dictionary);
                codes ??= ArrayPool<int>.Shared.Rent(length);
                ArrowArrayNormalizer.ReadIndices(dictionaryArray.Indices, codes.AsSpan(0, length));
                if (selection is null)
                {
                    selection = ArrayPool<int>.Shared.Rent(length);
                    count = SelectAll(dictionaryArray, codes, keep, keepNull, selection, names[column], firstRow);
                }
                else
                {
                    count = SelectFrom(selection, count, dictionaryArray, codes, keep, keepNull, names[column], firstRow);
                }
            }
        }
        catch
        {
            if (selection is not null) ArrayPool<int>.Shared.Return(selection);
            throw;
        }
        finally
        {
            if (codes is not null) ArrayPool<int>.Shared.Return(codes);
        }
        if (selection is not null && count == length)
        {
            ArrayPool<int>.Shared.Return(selection);
            return null;
        }
        return selection;
    }

    /// <summary>Per dictionary entry, whether the predicate is true for its value (null is false).</summary>
    private static bool[] Keeps(Expression predicate, ArrowArray dictionary)
    {
        var batch = new RecordBatch(new Schema([new Field("value", dictionary.Data.DataType, true)], null), [dictionary], dictionary.Length);
        var result = (BooleanArray)predicate.Evaluate(batch);
        var keep = new bool[dictionary.Length];
        for (int i = 0; i < keep.Length; i++)
        {
            keep[i] = result.GetValue(i) == true;
        }
        return keep;
    }

    /// <summary>Whether the predicate is true for a null value (<c>col IS NULL</c>, <c>coalesce(col, 'x') = 'x'</c> ...).</summary>
    private static bool KeepsNull(Expression predicate, ArrowArray dictionary)
    {
        var type = ArrowTypeMapping.ToDataType(new Field("value", dictionary.Data.DataType, true));
        var nulls = KernelArrays.Constant(type, null, 1);
        var batch = new RecordBatch(new Schema([new Field("value", nulls.Data.DataType, true)], null), [nulls], 1);
        return ((BooleanArray)predicate.Evaluate(batch)).GetValue(0) == true;
    }

    /// <summary>Writes the rows of <paramref name="column"/> to keep into <paramref name="selected"/>; returns how many.</summary>
    private static int SelectAll(DictionaryArray column, int[] codes, bool[] keep, bool keepNull, int[] selected, string name, long firstRow)
    {
        int length = column.Length;
        int count = 0;
        bool nulls = column.NullCount > 0;
        for (int i = 0; i < length; i++)
        {
            bool pass;
            if (nulls && column.IsNull(i))
            {
                pass = keepNull;
            }
            else
            {
                int code = codes[i];
                if ((uint)code >= (uint)keep.Length)
                {
                    throw Outside(name, firstRow + i, code, keep.Length);
                }
                pass = keep[code];
            }
            // Branch-free append: the row is written, and kept by advancing the count.
            selected[count] = i;
            count += pass ? 1 : 0;
        }
        return count;
    }

    /// <summary>Narrows the first <paramref name="count"/> rows of <paramref name="selection"/> in place; returns how many are left.</summary>
    private static int SelectFrom(int[] selection, int count, DictionaryArray column, int[] codes, bool[] keep, bool keepNull, string name, long firstRow)
    {
        int kept = 0;
        bool nulls = column.NullCount > 0;
        for (int k = 0; k < count; k++)
        {
            int row = selection[k];
            bool pass;
            if (nulls && column.IsNull(row))
            {
                pass = keepNull;
            }
            else
            {
                int code = codes[row];
                if ((uint)code >= (uint)keep.Length)
                {
                    throw Outside(name, firstRow + row, code, keep.Length);
                }
                pass = keep[code];
            }
            selection[kept] = row;
            kept += pass ? 1 : 0;
        }
        return kept;
    }

    private static InvalidDataException Outside(string name, long row, int code, int entries) =>
        new($"Column '{name}', row {row}: the dictionary index {code} is outside the dictionary of {entries} values.");

    private static bool OnlyBoundReferences(Expression expression, Dictionary<int, BoundReference> into)
    {
        if (expression is BoundReference reference)
        {
            into[reference.Ordinal] = reference;
            return true;
        }
        // An unbound column or a subquery cannot be evaluated over a batch of dictionary values alone.
        if (expression is ColumnReference or AttributeReference or ScalarSubqueryValue)
        {
            return false;
        }
        return expression.Children.All(c => OnlyBoundReferences(c, into));
    }
}
