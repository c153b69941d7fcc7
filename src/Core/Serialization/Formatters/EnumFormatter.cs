using System.Runtime.CompilerServices;

namespace Rdd.Core.Serialization;

/// <summary>An enum as its underlying integer, reinterpreted in place (no boxing, no Convert).</summary>
internal sealed class EnumFormatter<TEnum, TUnderlying, TCodec> : IMessagePackFormatter<TEnum>
    where TEnum : struct, Enum
    where TUnderlying : struct
    where TCodec : struct, IScalarCodec<TUnderlying>
{
    public void Serialize(MessagePackWriter writer, TEnum value) =>
        TCodec.Write(writer, Unsafe.As<TEnum, TUnderlying>(ref value));

    public TEnum Deserialize(ref MessagePackReader reader)
    {
        var value = TCodec.Read(ref reader);
        return Unsafe.As<TUnderlying, TEnum>(ref value);
    }
}
