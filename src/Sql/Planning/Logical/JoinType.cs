namespace Rdd.Sql.Planning.Logical;

/// <summary>The join types of <c>DataFrame.Join</c>'s <c>how</c>.</summary>
internal enum JoinType
{
    Inner,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftSemi,
    LeftAnti,
    Cross,
}

/// <summary>Parsing and printing of <see cref="JoinType"/> as Spark spells it.</summary>
internal static class JoinTypes
{
    /// <summary>Spark's <c>how</c> strings: inner, left/leftouter/left_outer, right..., full/outer/full_outer, left_semi, left_anti, cross.</summary>
    /// <exception cref="ArgumentException">An unknown join type.</exception>
    public static JoinType Parse(string how) => how.ToLowerInvariant().Replace("_", "", StringComparison.Ordinal) switch
    {
        "inner" => JoinType.Inner,
        "left" or "leftouter" => JoinType.LeftOuter,
        "right" or "rightouter" => JoinType.RightOuter,
        "full" or "outer" or "fullouter" => JoinType.FullOuter,
        "semi" or "leftsemi" => JoinType.LeftSemi,
        "anti" or "leftanti" => JoinType.LeftAnti,
        "cross" => JoinType.Cross,
        _ => throw new ArgumentException(
            $"Unsupported join type '{how}'. Supported join types include: 'inner', 'outer', 'full', 'fullouter', 'full_outer', "
            + "'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', "
            + "'leftanti', 'left_anti', 'anti', 'cross'.", nameof(how)),
    };

    /// <summary>Spark's plan text: Inner, LeftOuter, RightOuter, FullOuter, LeftSemi, LeftAnti, Cross.</summary>
    public static string Display(this JoinType type) => type.ToString();

    /// <summary>Whether the join's output holds the right side's columns.</summary>
    public static bool OutputsRight(this JoinType type) => type is not (JoinType.LeftSemi or JoinType.LeftAnti);
}
