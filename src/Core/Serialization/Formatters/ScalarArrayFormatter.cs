using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Rdd.Core.Serialization;

/// <summary>
/// Arrays of a scalar type: a msgpack array of the codec's encoding, looped without virtual calls;
/// double, long and int arrays go to the writer's bulk methods (one capacity check per chunk).
/// </summary>
internal sealed class ScalarArrayFormatter<T, TCodec> : IMessagePackFormatter<T[]?>
    where TCodec : struct, IScalarCodec<T>
{
    public void Serialize(MessagePackWriter writer, T[]? value)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }
        WriteSpan(writer, value);
    }

    public T[]? Deserialize(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }
        var count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return [];
        }
        var result = GC.AllocateUninitializedArray<T>(count);
        ReadSpan(ref reader, result);
        return result;
    }

    public static void WriteSpan(MessagePackWriter writer, ReadOnlySpan<T> values)
    {
        // typeof tests on a value-type T are constants in the specialised code: the branch costs nothing.
        if (typeof(T) == typeof(double))
        {
            writer.WriteDoubles(Reinterpret<double>(values));
        }
        else if (typeof(T) == typeof(long))
        {
            writer.WriteInt64s(Reinterpret<long>(values));
        }
        else if (typeof(T) == typeof(int))
        {
            writer.WriteInt32s(Reinterpret<int>(values));
        }
        else
        {
            writer.WriteArrayHeader(values.Length);
            foreach (var value in values)
            {
                TCodec.Write(writer, value);
            }
        }
    }

    public static void ReadSpan(ref MessagePackReader reader, Span<T> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = TCodec.Read(ref reader);
        }
    }

    private static ReadOnlySpan<TTo> Reinterpret<TTo>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);
}
