using Apache.Arrow;
using Rdd.Sql.Execution.Memory;

namespace Rdd.Sql.IO.ParquetFiles;

/// <summary>
/// Copies arrays that Arrow's C++ reader exported through the C data interface (native memory, freed only when
/// the batch is disposed) into aligned managed memory (<see cref="AlignedMemoryPool"/>): the engine shares
/// batches by reference across operators and the block store and never disposes them, so the native batch is
/// copied once, buffer by buffer, and released at once.
/// </summary>
internal static class ManagedArrays
{
    public static IArrowArray Copy(IArrowArray array) => ArrowArrayFactory.BuildArray(Copy(array.Data));

    private static ArrayData Copy(ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = Copy(data.Buffers[i]);
        }
        ArrayData[]? children = null;
        if (data.Children is { Length: > 0 } sources)
        {
            children = new ArrayData[sources.Length];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = Copy(sources[i]);
            }
        }
        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, children,
            data.Dictionary is null ? null : Copy(data.Dictionary));
    }

    private static ArrowBuffer Copy(ArrowBuffer buffer)
    {
        if (buffer.IsEmpty)
        {
            return ArrowBuffer.Empty;
        }
        var block = AlignedMemoryPool.Allocate(buffer.Length);
        buffer.Span.CopyTo(block.Span);
        return new ArrowBuffer(block.Memory);
    }
}
