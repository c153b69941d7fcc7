using System.Collections;
using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using ArrowTypes = Apache.Arrow.Types;

namespace Rdd.Sql;

/// <summary>
/// What the engine asks of Apache.Arrow's <see cref="RecordBatch"/>, <see cref="Schema"/> and
/// <see cref="BooleanArray"/>, struct and list arrays that they do not offer as such: the columns typed as arrays
/// (<see cref="RecordBatch.Column(int)"/> returns the <see cref="IArrowArray"/> interface; every array the engine
/// makes or reads derives from <see cref="ArrowArray"/>, whose validity checks are not interface calls), a field
/// looked up by its exact name (<see cref="Schema.GetFieldIndex(string, IEqualityComparer{string})"/> compares by
/// the current culture), a boolean's bit whether or not the slot is null, a struct's children typed as arrays and
/// a list of numbers as a span.
/// </summary>
internal static class ArrowExtensions
{
    extension(RecordBatch batch)
    {
        /// <summary>The columns, in schema order; indexing casts, enumerating allocates nothing but the enumerator.</summary>
        public BatchColumns Columns => new(batch);
    }

    extension(Schema schema)
    {
        /// <summary>The number of fields.</summary>
        public int FieldCount => schema.FieldsList.Count;

        /// <summary>Index of the first field called <paramref name="name"/> (ordinal), or -1.</summary>
        public int IndexOf(string name)
        {
            var fields = schema.FieldsList;
            for (int i = 0; i < fields.Count; i++)
            {
                if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }
            return -1;
        }
    }

    extension(StructArray array)
    {
        public ArrowTypes.StructType StructType => (ArrowTypes.StructType)array.Data.DataType;

        /// <summary>
        /// The child array of field <paramref name="index"/>, aligned with the struct's slots: a struct sliced at an
        /// offset has children as long as the whole, which are sliced the same way.
        /// </summary>
        public ArrowArray Field(int index)
        {
            var child = (ArrowArray)array.Fields[index];
            return child.Length == array.Length ? child : (ArrowArray)ArrowArrayFactory.Slice(child, array.Offset, array.Length);
        }
    }

    extension(ListArray array)
    {
        public ArrowTypes.ListType ListType => (ArrowTypes.ListType)array.Data.DataType;

        /// <summary>Every child value, whatever list it belongs to, as <typeparamref name="T"/> (the child's number type); no copy.</summary>
        public ReadOnlySpan<T> AllValues<T>() where T : struct, IEquatable<T> => ((PrimitiveArray<T>)array.Values).Values;

        /// <summary>The values of list <paramref name="index"/> (empty for a null list) as a span of the child buffer.</summary>
        public ReadOnlySpan<T> GetValues<T>(int index) where T : struct, IEquatable<T>
        {
            var offsets = array.ValueOffsets;
            return ((PrimitiveArray<T>)array.Values).Values[offsets[index]..offsets[index + 1]];
        }
    }

    extension(BooleanArray array)
    {
        /// <summary>The value bit of slot <paramref name="index"/>, whether or not the slot is null (no bounds check beyond the buffer's).</summary>
        public bool GetBit(int index) => Bits.GetBit(array.ValueBuffer.Span, array.Offset + index);
    }
}

/// <summary>The columns of a <see cref="RecordBatch"/> as <see cref="ArrowArray"/>s.</summary>
internal readonly struct BatchColumns(RecordBatch batch) : IReadOnlyList<ArrowArray>
{
    public ArrowArray this[int index] => (ArrowArray)batch.Column(index);

    /// <summary>The first column called <paramref name="name"/> (ordinal).</summary>
    public ArrowArray this[string name] => batch.Schema.IndexOf(name) is >= 0 and var index
        ? this[index]
        : throw new ArgumentException(
            $"No column '{name}'; the columns are {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))}.", nameof(name));

    public int Count => batch.ColumnCount;

    public IEnumerator<ArrowArray> GetEnumerator()
    {
        for (int i = 0; i < batch.ColumnCount; i++)
        {
            yield return (ArrowArray)batch.Column(i);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
