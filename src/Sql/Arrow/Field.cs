using Rdd.Sql.Arrow.Types;

namespace Rdd.Sql.Arrow;

/// <summary>A named, typed column of a <see cref="Schema"/> (or the child of a list type), with optional metadata.</summary>
internal sealed class Field
{
    private static readonly IReadOnlyDictionary<string, string> s_noMetadata = new Dictionary<string, string>();

    public Field(string name, ArrowType type, bool nullable, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        IsNullable = nullable;
        Metadata = metadata is null || metadata.Count == 0 ? s_noMetadata : new Dictionary<string, string>(metadata);
    }

    public string Name { get; }

    public ArrowType Type { get; }

    public bool IsNullable { get; }

    /// <summary>Arrow's <c>custom_metadata</c> key/value pairs; empty when there are none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public override string ToString() => $"{Name}: {Type}{(IsNullable ? "" : " not null")}";
}
