using Apache.Arrow;
using Rdd.Sql.Execution.Memory;
using Rdd.Sql.IO.Formats;
using Rdd.Sql.Types;

namespace Rdd.Sql.IO.Columns;

/// <summary>
/// Appends parsed text values of one column straight into Arrow buffers. Values are staged first and
/// committed when the whole record turned out well: a reader stages each field of a row
/// (<see cref="TryStage"/>; a field not staged stays null), then either commits every column or, to drop
/// the row, discards every column. A staged fixed-width value waits in a field, staged bytes in the spare
/// capacity of the data buffer, so neither path copies twice or allocates; <see cref="Build"/> hands the
/// buffers to an array and the builder starts the next batch.
/// </summary>
internal abstract class ColumnBuilder : IDisposable
{
    private readonly ValidityBuilder _validity = new();

    protected ColumnBuilder(DataType dataType) => DataType = dataType;

    public DataType DataType { get; }

    /// <summary>Committed rows.</summary>
    public int Length => _validity.Length;

    /// <summary>Whether the staged value is null (the state after every commit and discard).</summary>
    protected bool PendingNull { get; private set; } = true;

    /// <summary>Builds the column for <paramref name="type"/>; dates and timestamps use <paramref name="formats"/>.</summary>
    public static ColumnBuilder Create(DataType type, TemporalFormats formats, int capacity = 0) => type switch
    {
        ByteType => new FixedWidthColumnBuilder<sbyte, IntegerParser<sbyte>>(type, default, capacity),
        ShortType => new FixedWidthColumnBuilder<short, IntegerParser<short>>(type, default, capacity),
        IntegerType => new FixedWidthColumnBuilder<int, IntegerParser<int>>(type, default, capacity),
        LongType => new FixedWidthColumnBuilder<long, IntegerParser<long>>(type, default, capacity),
        FloatType => new FixedWidthColumnBuilder<float, FloatingParser<float>>(type, default, capacity),
        DoubleType => new FixedWidthColumnBuilder<double, FloatingParser<double>>(type, default, capacity),
        BooleanType => new BooleanColumnBuilder(capacity),
        StringType => new StringColumnBuilder(capacity),
        BinaryType => new BinaryColumnBuilder(capacity),
        DateType => new FixedWidthColumnBuilder<int, DateParser>(type, new DateParser(formats.Date), capacity),
        TimestampType => new FixedWidthColumnBuilder<long, TimestampParser>(type, new TimestampParser(formats.Timestamp), capacity),
        TimestampNtzType => new FixedWidthColumnBuilder<long, TimestampParser>(type, new TimestampParser(formats.TimestampNtz), capacity),
        DecimalType d => new FixedWidthColumnBuilder<Int128, DecimalParser>(type, new DecimalParser(d), capacity),
        ArrayType or StructType => new NestedJsonColumnBuilder(type),
        UserDefinedType udt => new UserDefinedTypeColumnBuilder(udt),
        _ => throw new NotSupportedException($"Columns of type {type.SimpleString} cannot be read from text."),
    };

    /// <summary>Parses <paramref name="text"/> as this column's next value; false (and a staged null) when it does not parse.</summary>
    public bool TryStage(ReadOnlySpan<byte> text)
    {
        bool parsed = TryStageValue(text);
        PendingNull = !parsed;
        return parsed;
    }

    public void StageNull() => PendingNull = true;

    /// <summary>Why the last value did not stage, when the builder can say more than "not a valid value".</summary>
    public virtual string? StagingError => null;

    /// <summary>Appends the staged value (or null) as the next row.</summary>
    public void Commit()
    {
        if (PendingNull)
        {
            CommitNull();
            _validity.AppendNull();
        }
        else
        {
            CommitValue();
            _validity.AppendValid();
            PendingNull = true;
        }
    }

    /// <summary>Forgets the staged value; the next row starts from null.</summary>
    public void Discard() => PendingNull = true;

    /// <summary>The committed rows as an array of this column's canonical Arrow type; the builder starts over empty.</summary>
    public ArrowArray Build()
    {
        int length = _validity.Length;
        int nullCount = _validity.NullCount;
        var data = BuildData(length, nullCount, _validity.Build());
        PendingNull = true;
        return (ArrowArray)ArrowArrayFactory.BuildArray(data);
    }

    /// <summary>Makes room for <paramref name="rows"/> rows up front (a batch like the previous one), saving regrowth.</summary>
    public virtual void Reserve(int rows)
    {
    }

    public virtual void Dispose() => _validity.Dispose();

    /// <summary>Parses into the spare capacity of the buffers without committing.</summary>
    protected abstract bool TryStageValue(ReadOnlySpan<byte> text);

    protected abstract void CommitValue();

    /// <summary>Appends the placeholder a null occupies in the value buffers.</summary>
    protected abstract void CommitNull();

    protected abstract ArrayData BuildData(int length, int nullCount, ArrowBuffer validity);
}
