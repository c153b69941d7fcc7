namespace Rdd.Sql.Execution.Operators;

/// <summary>The join kinds the physical join operators run.</summary>
internal enum JoinType
{
    Inner,
    LeftOuter,
    RightOuter,
    FullOuter,
    LeftSemi,
    LeftAnti,
}
