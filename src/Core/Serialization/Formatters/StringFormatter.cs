namespace Rdd.Core.Serialization;

/// <summary>string as str (UTF-8); null as nil.</summary>
internal sealed class StringFormatter : IMessagePackFormatter<string?>
{
    public void Serialize(MessagePackWriter writer, string? value) => writer.WriteString(value);

    public string? Deserialize(ref MessagePackReader reader) => reader.ReadString();
}
