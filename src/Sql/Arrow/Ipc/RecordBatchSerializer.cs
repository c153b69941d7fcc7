using System.Runtime.InteropServices;
using Rdd.Sql.Arrow.FlatBuffers;
using Rdd.Sql.Arrow.Ipc.Metadata;
using Rdd.Sql.Arrow.Memory;
using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow.Ipc;

/// <summary>
/// Lays out arrays as a message body (Columnar.rst's pre-order flattening) and writes the matching
/// Message.fbs <c>RecordBatch</c> header. IPC buffers always start at slot 0, so a sliced array is
/// re-based: values are windows of the original buffer, while bitmaps starting mid-byte and offsets not
/// starting at 0 are rewritten into scratch memory.
/// </summary>
internal static class RecordBatchSerializer
{
    public static EncodedBody Encode(IEnumerable<ArrayData> columns)
    {
        var body = new EncodedBody();
        try
        {
            foreach (var column in columns)
            {
                AddArray(body, column);
            }
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>Writes the <c>RecordBatch</c> table for <paramref name="body"/>; returns its offset.</summary>
    public static int WriteHeader(FlatBufferBuilder builder, long length, EncodedBody body)
    {
        int nodes = builder.CreateStructVector<FieldNode>(CollectionsMarshal.AsSpan(body.Nodes), alignment: 8);
        int buffers = builder.CreateStructVector<BufferSpec>(CollectionsMarshal.AsSpan(body.Buffers), alignment: 8);
        builder.StartTable(RecordBatchSlots.Count);
        builder.AddInt64(RecordBatchSlots.Length, length, 0);
        builder.AddOffset(RecordBatchSlots.Nodes, nodes);
        builder.AddOffset(RecordBatchSlots.Buffers, buffers);
        return builder.EndTable();
    }

    private static void AddArray(EncodedBody body, ArrayData data)
    {
        body.Nodes.Add(new FieldNode(data.Length, data.NullCount));
        if (data.NullCount == 0)
        {
            body.AddBuffer(ReadOnlyMemory<byte>.Empty);
        }
        else
        {
            AddBitmap(body, data.Buffers[0], data.Offset, data.Length);
        }
        switch (data.Type)
        {
            case BooleanType:
                AddBitmap(body, data.Buffers[1], data.Offset, data.Length);
                break;
            case BinaryType or StringType:
            {
                var (first, last) = AddOffsets(body, data);
                body.AddBuffer(data.Buffers[2].Memory[first..last]);
                break;
            }
            case ListType:
            {
                var (first, last) = AddOffsets(body, data);
                AddArray(body, data.Children[0].Slice(first, last - first));
                break;
            }
            case FixedSizeListType list:
                AddArray(body, data.Children[0].Slice(data.Offset * list.ListSize, data.Length * list.ListSize));
                break;
            case Types.StructType:
                // Struct children line up with the struct's slots through its offset.
                foreach (var child in data.Children)
                {
                    AddArray(body, child.Slice(data.Offset, data.Length));
                }
                break;
            case DictionaryType dictionary:
                AddFixedWidth(body, data.Buffers[1], dictionary.IndexType.BitWidth / 8, data.Offset, data.Length);
                break;
            case FixedWidthType fixedWidth:
                AddFixedWidth(body, data.Buffers[1], fixedWidth.BitWidth / 8, data.Offset, data.Length);
                break;
            default:
                throw new NotSupportedException($"Cannot write Arrow type {data.Type} to IPC.");
        }
    }

    private static void AddFixedWidth(EncodedBody body, ArrowBuffer values, int width, int offset, int length) =>
        body.AddBuffer(values.Memory.Slice(offset * width, length * width));

    private static void AddBitmap(EncodedBody body, ArrowBuffer bitmap, int offset, int length)
    {
        int bytes = BitUtility.ByteCount(length);
        if ((offset & 7) == 0)
        {
            body.AddBuffer(bitmap.Memory.Slice(offset >> 3, bytes));
            return;
        }
        var rebased = body.RentScratch(bytes);
        rebased.Span.Clear();
        BitUtility.CopyBits(bitmap.Span, offset, rebased.Span, 0, length);
        body.AddBuffer(rebased);
    }

    /// <summary>Adds offsets starting at 0; returns the data range [first, last) they covered.</summary>
    private static (int First, int Last) AddOffsets(EncodedBody body, ArrayData data)
    {
        var offsets = data.Buffers[1].AsSpan<int>().Slice(data.Offset, data.Length + 1);
        int first = offsets[0];
        if (first == 0)
        {
            body.AddBuffer(data.Buffers[1].Memory.Slice(data.Offset * sizeof(int), (data.Length + 1) * sizeof(int)));
        }
        else
        {
            var rebased = body.RentScratch((data.Length + 1) * sizeof(int));
            var target = MemoryMarshal.Cast<byte, int>(rebased.Span);
            for (int i = 0; i < offsets.Length; i++)
            {
                target[i] = offsets[i] - first;
            }
            body.AddBuffer(rebased);
        }
        return (first, offsets[^1]);
    }
}
