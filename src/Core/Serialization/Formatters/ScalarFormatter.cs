namespace Rdd.Core.Serialization;

/// <summary>The formatter of a scalar value type, delegating to its codec.</summary>
internal sealed class ScalarFormatter<T, TCodec> : IMessagePackFormatter<T>
    where TCodec : struct, IScalarCodec<T>
{
    public void Serialize(MessagePackWriter writer, T value) => TCodec.Write(writer, value);

    public T Deserialize(ref MessagePackReader reader) => TCodec.Read(ref reader);
}
