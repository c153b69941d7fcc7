using Apache.Arrow;
using Apache.Arrow.Types;
using Rdd.Sql.Execution.Caching;
using Rdd.Sql.Execution.Kernels;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.Types;

namespace Rdd.Sql.Execution.Aggregation;

/// <summary>
/// Turns one key column into a 64-bit code per row, so the key tables hash and compare fixed-width integers
/// whatever the key's type: integer-like values are their own code (int and bigint keys agree), floating values
/// their normalized bits, booleans 0/1, and byte strings a dense id from a <see cref="ByteStringInterner"/> (text is
/// hashed and compared once per row as UTF-8, never decoded). A null row's code is 0; the tables track nulls
/// separately. <see cref="Build"/> turns codes back into an Arrow column of the key's type.
/// </summary>
internal abstract class KeyColumn
{
    /// <summary>Whether codes are dense ids 0..<see cref="Cardinality"/>-1 (a table may index an array by them).</summary>
    public virtual bool IsDense => false;

    /// <summary>The number of distinct codes so far, for dense coders.</summary>
    public virtual int Cardinality => 0;

    /// <summary>Writes the code of each row of <paramref name="column"/>, learning new values.</summary>
    public abstract void Encode(ArrowArray column, Span<long> codes);

    /// <summary>
    /// Writes the code of each row without learning: a row whose value was never encoded gets
    /// <paramref name="absent"/> set (it cannot match any key). Safe to call from several threads at once.
    /// </summary>
    public virtual void Lookup(ArrowArray column, Span<long> codes, Span<bool> absent) => Encode(column, codes);

    /// <summary>A column of the key's type holding the value of each code; <paramref name="valid"/> false makes a null.</summary>
    public abstract ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid);

    /// <summary>The coder for keys of <paramref name="type"/>, or null when the type has none (the boxed table takes those).</summary>
    public static KeyColumn? Create(IArrowType type)
    {
        if (ColumnValues.IsLongLike(type)) return new IntegerKeyColumn(type);
        if (ColumnValues.IsDoubleLike(type)) return new FloatingKeyColumn(type);
        return type.TypeId switch
        {
            ArrowTypeId.Boolean => new BooleanKeyColumn(),
            ArrowTypeId.String or ArrowTypeId.Binary => new ByteStringKeyColumn(type),
            ArrowTypeId.Decimal128 => new DecimalKeyColumn(type),
            _ => null,
        };
    }
}

/// <summary>decimal128: a dense id per distinct unscaled value (128 bits do not fit a code).</summary>
internal sealed class DecimalKeyColumn(IArrowType type) : KeyColumn
{
    private readonly Dictionary<Int128, long> _ids = [];
    private readonly List<Int128> _values = [];

    public override bool IsDense => true;

    public override int Cardinality => _values.Count;

    public override void Encode(ArrowArray column, Span<long> codes)
    {
        var values = Values(column);
        for (int i = 0; i < codes.Length; i++)
        {
            if (column.IsNull(i))
            {
                codes[i] = 0;
                continue;
            }
            ref long id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_ids, values[i], out bool exists);
            if (!exists)
            {
                id = _values.Count;
                _values.Add(values[i]);
            }
            codes[i] = id;
        }
    }

    public override void Lookup(ArrowArray column, Span<long> codes, Span<bool> absent)
    {
        var values = Values(column);
        for (int i = 0; i < codes.Length; i++)
        {
            bool found = _ids.TryGetValue(values[i], out codes[i]);
            absent[i] = !found && column.IsValid(i);
        }
    }

    public override ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid)
    {
        var buffer = Kernels.KernelArrays.AllocateValues<Int128>(codes.Length);
        var target = Kernels.KernelArrays.AsSpan<Int128>(buffer);
        byte[]? validity = valid.IsEmpty ? null : Kernels.Bitmaps.AllSet(codes.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            if (!valid.IsEmpty && !valid[i])
            {
                Memory.Bits.ClearBit(validity, i);
                continue;
            }
            target[i] = _values[(int)codes[i]];
        }
        return Kernels.KernelArrays.Fixed(type, buffer, validity, codes.Length);
    }

    private static ReadOnlySpan<Int128> Values(ArrowArray column) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, Int128>(column.Data.Buffers[1].Span).Slice(column.Offset, column.Length);
}

/// <summary>int8..int64, date32, timestamp: the value widened to long.</summary>
internal sealed class IntegerKeyColumn(IArrowType type) : KeyColumn
{
    public override void Encode(ArrowArray column, Span<long> codes)
    {
        switch (column)
        {
            case PrimitiveArray<long> p: p.Values.CopyTo(codes); break;
            case PrimitiveArray<int> p: ColumnValues.Widen(p.Values, codes); break;
            case PrimitiveArray<short> p: ColumnValues.Widen(p.Values, codes); break;
            case PrimitiveArray<sbyte> p: ColumnValues.Widen(p.Values, codes); break;
            default: throw new NotSupportedException($"{ArrowTypeMapping.Describe(column.Data.DataType)} keys do not read as integers.");
        }
    }

    public override ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid) => ColumnValues.FromLongs(type, codes, valid);
}

/// <summary>
/// float, double: the bits of the value with -0.0 made 0.0 and every NaN made one NaN, as Spark normalizes
/// floating grouping and join keys (so 0.0 and -0.0 are one group, and NaN equals NaN).
/// </summary>
internal sealed class FloatingKeyColumn(IArrowType type) : KeyColumn
{
    public override void Encode(ArrowArray column, Span<long> codes)
    {
        switch (column)
        {
            case PrimitiveArray<double> p:
                var doubles = p.Values;
                for (int i = 0; i < doubles.Length; i++) codes[i] = Normalize(doubles[i]);
                break;
            case PrimitiveArray<float> p:
                var floats = p.Values;
                for (int i = 0; i < floats.Length; i++) codes[i] = Normalize(floats[i]);
                break;
            default: throw new NotSupportedException($"{ArrowTypeMapping.Describe(column.Data.DataType)} keys do not read as floating point.");
        }
    }

    public override ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid)
    {
        var values = new double[codes.Length];
        for (int i = 0; i < values.Length; i++) values[i] = BitConverter.Int64BitsToDouble(codes[i]);
        return ColumnValues.FromDoubles(type, values, valid);
    }

    private static long Normalize(double value) =>
        value == 0 ? 0 : double.IsNaN(value) ? BitConverter.DoubleToInt64Bits(double.NaN) : BitConverter.DoubleToInt64Bits(value);
}

/// <summary>boolean: false 0, true 1 (dense).</summary>
internal sealed class BooleanKeyColumn : KeyColumn
{
    public override bool IsDense => true;

    public override int Cardinality => 2;

    public override void Encode(ArrowArray column, Span<long> codes)
    {
        var booleans = (BooleanArray)column;
        for (int i = 0; i < codes.Length; i++) codes[i] = booleans.GetBit(i) ? 1 : 0;
    }

    public override ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid)
    {
        using var builder = new BooleanArrayBuilder(codes.Length);
        for (int i = 0; i < codes.Length; i++)
        {
            if (valid.IsEmpty || valid[i]) builder.Append(codes[i] != 0); else builder.AppendNull();
        }
        return builder.Build();
    }
}

/// <summary>
/// utf8, binary: the dense id of the bytes in this column's interner (nulls are not interned). A column that
/// carries <see cref="DictionaryCodes"/> is interned once per dictionary entry it uses: a per-dictionary map from
/// entry to id (remembered by dictionary identity, as a cached partition's batches share one) turns each row's code
/// into an id without hashing or comparing its bytes.
/// </summary>
internal sealed class ByteStringKeyColumn(IArrowType type) : KeyColumn
{
    private readonly ByteStringInterner _interner = new();
    private readonly Dictionary<BinaryArray, int[]> _entryIds = new(ReferenceEqualityComparer.Instance);
    private BinaryArray? _lastDictionary;
    private int[] _lastEntryIds = [];

    public override bool IsDense => true;

    public override int Cardinality => _interner.Count;

    public override void Encode(ArrowArray column, Span<long> codes)
    {
        var strings = (BinaryArray)column;
        if (DictionaryCodes.Of(strings) is { } dictionaryCodes)
        {
            EncodeDictionaryCodes(strings, dictionaryCodes, codes);
            return;
        }
        var offsets = strings.ValueOffsets;
        var data = strings.ValueBuffer.Span;
        bool hasNulls = strings.NullCount > 0;
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = hasNulls && strings.IsNull(i) ? 0 : _interner.Intern(data[offsets[i]..offsets[i + 1]]);
        }
    }

    private void EncodeDictionaryCodes(BinaryArray strings, DictionaryCodes dictionaryCodes, Span<long> codes)
    {
        var dictionary = dictionaryCodes.Dictionary;
        if (!ReferenceEquals(dictionary, _lastDictionary))
        {
            if (!_entryIds.TryGetValue(dictionary, out var ids))
            {
                ids = new int[dictionary.Length];
                ids.AsSpan().Fill(-1);
                _entryIds.Add(dictionary, ids);
            }
            _lastDictionary = dictionary;
            _lastEntryIds = ids;
        }
        var entryIds = _lastEntryIds;
        var rowCodes = dictionaryCodes.Codes.Span;
        bool hasNulls = strings.NullCount > 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (hasNulls && strings.IsNull(i))
            {
                codes[i] = 0;
                continue;
            }
            int entry = rowCodes[i];
            int id = entryIds[entry];
            if (id < 0)
            {
                id = entryIds[entry] = _interner.Intern(dictionary.GetBytes(entry));
            }
            codes[i] = id;
        }
    }

    public override void Lookup(ArrowArray column, Span<long> codes, Span<bool> absent)
    {
        var strings = (BinaryArray)column;
        var offsets = strings.ValueOffsets;
        var data = strings.ValueBuffer.Span;
        bool hasNulls = strings.NullCount > 0;
        for (int i = 0; i < codes.Length; i++)
        {
            if (hasNulls && strings.IsNull(i))
            {
                codes[i] = 0;
                continue;
            }
            int id = _interner.Find(data[offsets[i]..offsets[i + 1]]);
            codes[i] = id;
            if (id < 0) absent[i] = true;
        }
    }

    public override ArrowArray Build(ReadOnlySpan<long> codes, ReadOnlySpan<bool> valid)
    {
        // A gather from the interner's storage: offsets first, then one copy per value (no builder per row).
        int length = codes.Length;
        var offsetBytes = KernelArrays.AllocateValues<int>(length + 1);
        var offsets = KernelArrays.AsSpan<int>(offsetBytes);
        long total = 0;
        int nullCount = 0;
        for (int i = 0; i < length; i++)
        {
            offsets[i] = checked((int)total);
            if (valid.IsEmpty || valid[i]) total += _interner[(int)codes[i]].Length;
            else nullCount++;
        }
        offsets[length] = checked((int)total);
        var data = new byte[total];
        for (int i = 0; i < length; i++)
        {
            if (valid.IsEmpty || valid[i]) _interner[(int)codes[i]].CopyTo(data.AsSpan(offsets[i]));
        }
        var validity = nullCount == 0 ? ArrowBuffer.Empty : new ArrowBuffer(ColumnValues.Validity(valid, length));
        return (ArrowArray)ArrowArrayFactory.BuildArray(new ArrayData(type, length, nullCount, 0,
            [validity, new ArrowBuffer(offsetBytes), new ArrowBuffer(data)]));
    }
}
