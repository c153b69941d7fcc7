using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing;

/// <summary>Array functions for SQL text: <c>size element_at explode</c> (the same nodes as <see cref="Functions"/>'s).</summary>
internal static partial class FunctionRegistry
{
    private static string[] CollectionNames => ["element_at", "explode", "size"];

    private static Expression? TryBuildCollection(string name, IReadOnlyList<Expression> args) => name switch
    {
        "size" => new Size(One(name, args)),
        "element_at" => Two(name, args, (array, index) => new GetArrayItem(array, index, oneBased: true)),
        "explode" => new Explode(One(name, args)),
        _ => null,
    };
}
