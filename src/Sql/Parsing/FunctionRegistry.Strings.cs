using Rdd.Sql.Expressions;

namespace Rdd.Sql.Parsing;

/// <summary>Spark's string functions beyond the basic ones.</summary>
internal static partial class FunctionRegistry
{
    private static string[] StringNames => [];

    private static Expression? TryBuildString(string name, IReadOnlyList<Expression> args) => name switch
    {
        _ => null,
    };
}
