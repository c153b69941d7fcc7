namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// What the reader knows about one top-level field of a file's schema: the <see cref="Field"/> when its type
/// is supported, otherwise why not; and, either way, how many field nodes and buffers it occupies in every
/// record batch, so an unsupported column can be stepped over when it is not selected.
/// </summary>
internal sealed class IpcField
{
    public IpcField(string name, string typeName, Field? field, long? dictionaryId, int nodeCount, int bufferCount, bool canSkip)
    {
        Name = name;
        TypeName = typeName;
        Field = field;
        DictionaryId = dictionaryId;
        NodeCount = nodeCount;
        BufferCount = bufferCount;
        CanSkip = canSkip;
    }

    public string Name { get; }

    /// <summary>The type as Arrow spells it, e.g. <c>fixed_size_binary[19]</c>, for error messages.</summary>
    public string TypeName { get; }

    /// <summary>The field, or null when its type is not supported.</summary>
    public Field? Field { get; }

    /// <summary>The dictionary id of a dictionary-encoded field.</summary>
    public long? DictionaryId { get; }

    public int NodeCount { get; }

    public int BufferCount { get; }

    /// <summary>False for layouts whose buffer count varies per batch (view types), which cannot be stepped over.</summary>
    public bool CanSkip { get; }

    public NotSupportedException Unsupported() =>
        new($"Column '{Name}' has Arrow type {TypeName}, which Rdd.Sql does not support. Supported: bool, int8-64, uint8-64, "
            + "float, double, utf8, binary, date32, timestamp, dictionary<utf8, int32>, list<double>, fixed_size_list<double>. "
            + "To read the other columns, leave this one out with ArrowReaderOptions.Columns.");
}
