using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Turns a Message.fbs <c>RecordBatch</c> header and its body into arrays: walks the field nodes and
/// buffers in pre-order, one type at a time, slicing each buffer out of the body without copying. Every
/// offset and length from the file is checked against the body before use.
/// </summary>
internal ref struct RecordBatchDecoder
{
    private static readonly ReadOnlyMemory<byte> s_zeroOffset = new byte[sizeof(int)];

    private readonly ReadOnlySpan<FieldNode> _nodes;
    private readonly ReadOnlySpan<BufferSpec> _buffers;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly DictionaryMemo _dictionaries;
    private int _nextNode;
    private int _nextBuffer;

    public RecordBatchDecoder(FlatBufferTable recordBatch, ReadOnlyMemory<byte> body, DictionaryMemo dictionaries)
    {
        if (recordBatch.GetTable(RecordBatchSlots.Compression) is { } compression)
        {
            string codec = compression.GetByte(BodyCompressionSlots.Codec) switch { 0 => "LZ4_FRAME", 1 => "ZSTD", var c => $"codec {c}" };
            throw new NotSupportedException(
                $"The Arrow IPC body is compressed with {codec}; Rdd.Sql reads uncompressed Arrow only. Rewrite the data without compression.");
        }
        Length = recordBatch.GetInt64(RecordBatchSlots.Length);
        if (Length is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"Invalid record batch length {Length}.");
        }
        _nodes = recordBatch.GetStructVector<FieldNode>(RecordBatchSlots.Nodes);
        _buffers = recordBatch.GetStructVector<BufferSpec>(RecordBatchSlots.Buffers);
        _body = body;
        _dictionaries = dictionaries;
    }

    /// <summary>Number of rows the header declares.</summary>
    public long Length { get; }

    /// <summary>Steps over a column that was not selected.</summary>
    public void Skip(IpcField field)
    {
        if (!field.CanSkip)
        {
            throw new NotSupportedException($"Column '{field.Name}' ({field.TypeName}) cannot be skipped: its buffer count varies per batch.");
        }
        _nextNode += field.NodeCount;
        _nextBuffer += field.BufferCount;
    }

    /// <summary>Decodes the next array, of a supported <paramref name="type"/>.</summary>
    public ArrayData Read(ArrowType type, long? dictionaryId = null)
    {
        var node = NextNode();
        int length = (int)node.Length;
        int nullCount = (int)node.NullCount;
        var validity = NextBuffer();
        if (nullCount == 0)
        {
            // Writers may send a bitmap anyway; without nulls it carries nothing.
            validity = ArrowBuffer.Empty;
        }
        else if (validity.Length < BitUtility.ByteCount(length))
        {
            throw new InvalidDataException($"A {type} array with {nullCount} nulls has a {validity.Length}-byte validity bitmap for {length} slots.");
        }
        switch (type.TypeId)
        {
            case ArrowTypeId.Binary:
            case ArrowTypeId.String:
            {
                var offsets = Offsets(length);
                var data = NextBuffer();
                return new ArrayData(type, length, 0, nullCount, [validity, offsets, data]);
            }
            case ArrowTypeId.List:
            {
                var offsets = Offsets(length);
                var child = Read(((ListType)type).ValueField.Type);
                return new ArrayData(type, length, 0, nullCount, [validity, offsets], [child]);
            }
            case ArrowTypeId.FixedSizeList:
            {
                var child = Read(((FixedSizeListType)type).ValueField.Type);
                return new ArrayData(type, length, 0, nullCount, [validity], [child]);
            }
            case ArrowTypeId.Struct:
            {
                var fields = ((Types.StructType)type).Fields;
                var children = new ArrayData[fields.Count];
                for (int i = 0; i < children.Length; i++)
                {
                    children[i] = Read(fields[i].Type);
                }
                return new ArrayData(type, length, 0, nullCount, [validity], children);
            }
            case ArrowTypeId.Dictionary:
            {
                var indices = NextBuffer();
                var dictionary = _dictionaries.Get(dictionaryId ?? throw new InvalidDataException("A dictionary-encoded field has no dictionary id."));
                return new ArrayData(type, length, 0, nullCount, [validity, indices], dictionary: dictionary);
            }
            default:
                return new ArrayData(type, length, 0, nullCount, [validity, NextBuffer()]);
        }
    }

    private ArrowBuffer Offsets(int length)
    {
        var offsets = NextBuffer();
        // Some writers send no offsets at all for an empty array; Arrow means a single 0.
        return length == 0 && offsets.IsEmpty ? new ArrowBuffer(s_zeroOffset) : offsets;
    }

    private FieldNode NextNode()
    {
        if (_nextNode >= _nodes.Length)
        {
            throw new InvalidDataException($"The record batch has {_nodes.Length} field nodes, fewer than its schema needs.");
        }
        var node = _nodes[_nextNode++];
        if (node.Length is < 0 or > int.MaxValue || node.NullCount < 0 || node.NullCount > node.Length)
        {
            throw new InvalidDataException($"Invalid field node: length {node.Length}, null count {node.NullCount}.");
        }
        return node;
    }

    private ArrowBuffer NextBuffer()
    {
        if (_nextBuffer >= _buffers.Length)
        {
            throw new InvalidDataException($"The record batch has {_buffers.Length} buffers, fewer than its schema needs.");
        }
        var spec = _buffers[_nextBuffer++];
        if (spec.Offset < 0 || spec.Length < 0 || spec.Offset + spec.Length > _body.Length)
        {
            throw new InvalidDataException($"Buffer [{spec.Offset}, +{spec.Length}) lies outside the {_body.Length}-byte message body.");
        }
        return new ArrowBuffer(_body.Slice((int)spec.Offset, (int)spec.Length));
    }
}
