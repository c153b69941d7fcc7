using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// What the stream and file readers share once a message is in hand: the file's schema and the column
/// selection, the dictionaries received so far, and decoding of dictionary and record batches.
/// </summary>
internal sealed class IpcReaderCore
{
    private readonly ArrowReaderOptions _options;
    private readonly DictionaryMemo _dictionaries = new();
    private IpcField[] _fields = [];
    private int[] _selected = [];
    private bool[] _isSelected = [];
    private int _lastSelected = -1;
    private HashSet<long> _neededDictionaries = [];

    public IpcReaderCore(ArrowReaderOptions? options)
    {
        IpcFormat.EnsureLittleEndianHost();
        _options = options ?? ArrowReaderOptions.Default;
    }

    /// <summary>The schema of the selected columns; null until a schema was read.</summary>
    public Schema? Schema { get; private set; }

    public void ReadSchema(IpcMessage message)
    {
        if (message.HeaderType != MessageHeaderType.Schema)
        {
            throw new InvalidDataException($"An Arrow stream must start with a Schema message, not {message.HeaderType}.");
        }
        ReadSchema(message.Header, message.Version);
    }

    public void ReadSchema(FlatBufferTable schema, MetadataVersion version)
    {
        IpcField[] fields;
        Dictionary<string, string>? metadata;
        try
        {
            (fields, metadata) = SchemaReader.Read(schema, version);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Malformed Arrow schema metadata.", e);
        }
        int[] selected = _options.Columns is { } columns ? [.. columns] : [.. Enumerable.Range(0, fields.Length)];
        var isSelected = new bool[fields.Length];
        var needed = new HashSet<long>();
        var projected = new Field[selected.Length];
        for (int k = 0; k < selected.Length; k++)
        {
            int index = selected[k];
            if ((uint)index >= (uint)fields.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(ArrowReaderOptions.Columns), $"Column index {index} is outside a schema of {fields.Length} fields.");
            }
            var field = fields[index];
            projected[k] = field.Field ?? throw field.Unsupported();
            isSelected[index] = true;
            if (field.DictionaryId is { } id)
            {
                needed.Add(id);
            }
        }
        _fields = fields;
        _selected = selected;
        _isSelected = isSelected;
        _lastSelected = Array.LastIndexOf(isSelected, true);
        _neededDictionaries = needed;
        Schema = new Schema(projected, metadata);
    }

    public void ReadDictionaryBatch(IpcMessage message)
    {
        try
        {
            var header = message.Header;
            long id = header.GetInt64(DictionaryBatchSlots.Id);
            if (!_neededDictionaries.Contains(id))
            {
                // Belongs to a column that is not read (possibly of an unsupported type).
                return;
            }
            var data = header.GetTable(DictionaryBatchSlots.Data) ?? throw new InvalidDataException($"Dictionary batch {id} has no data.");
            var decoder = new RecordBatchDecoder(data, message.Body, _dictionaries);
            var values = decoder.Read(DictionaryMemo.ValueType);
            // Check offsets and data now, so a corrupt dictionary fails here rather than at first use.
            _ = new StringArray(values);
            _dictionaries.Set(id, values, header.GetBool(DictionaryBatchSlots.IsDelta));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Malformed Arrow dictionary batch.", e);
        }
    }

    public RecordBatch ReadRecordBatch(IpcMessage message)
    {
        var schema = Schema ?? throw new InvalidOperationException("The schema has not been read.");
        try
        {
            var decoder = new RecordBatchDecoder(message.Header, message.Body, _dictionaries);
            int length = (int)decoder.Length;
            var decoded = new ArrayData?[_fields.Length];
            for (int i = 0; i <= _lastSelected; i++)
            {
                var field = _fields[i];
                if (_isSelected[i])
                {
                    decoded[i] = decoder.Read(field.Field!.Type, field.DictionaryId);
                }
                else
                {
                    decoder.Skip(field);
                }
            }
            var columns = new ArrowArray[_selected.Length];
            for (int k = 0; k < columns.Length; k++)
            {
                var data = decoded[_selected[k]]!;
                if (data.Length != length)
                {
                    throw new InvalidDataException($"Column '{schema.GetField(k).Name}' has {data.Length} rows in a batch of {length}.");
                }
                columns[k] = ArrowArrayFactory.Create(data);
            }
            return new RecordBatch(schema, columns, length);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or OverflowException)
        {
            throw new InvalidDataException("Malformed Arrow record batch.", e);
        }
    }

    /// <summary>
    /// Applies a dictionary batch or decodes a record batch; returns the batch, or null for a message that
    /// carries none.
    /// </summary>
    public RecordBatch? Process(IpcMessage message)
    {
        switch (message.HeaderType)
        {
            case MessageHeaderType.DictionaryBatch:
                ReadDictionaryBatch(message);
                return null;
            case MessageHeaderType.RecordBatch:
                return ReadRecordBatch(message);
            case MessageHeaderType.Schema:
                throw new InvalidDataException("An Arrow stream holds a second Schema message.");
            case MessageHeaderType.Tensor:
            case MessageHeaderType.SparseTensor:
                throw new NotSupportedException($"Arrow {message.HeaderType} messages are not supported.");
            default:
                throw new InvalidDataException($"Unknown Arrow message type {(byte)message.HeaderType}.");
        }
    }
}
