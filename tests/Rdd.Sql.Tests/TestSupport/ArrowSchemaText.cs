using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests;

/// <summary>An Arrow schema as text, <c>name: utf8, id: int64 not null</c> (Apache.Arrow's ToString gives counts only).</summary>
internal static class ArrowSchemaText
{
    public static string Of(Schema schema) =>
        string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {ArrowTypeMapping.Describe(f.DataType)}{(f.IsNullable ? "" : " not null")}"));
}
