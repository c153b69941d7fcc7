namespace Rdd.Sql.Planning.Logical;

/// <summary>
/// The identity of an attribute (Spark's <c>ExprId</c>): two attributes with the same name from different
/// inputs (<c>a.id</c>, <c>b.id</c> after a join) have different ids, so rewrites never confuse them.
/// </summary>
internal readonly record struct ExprId(long Id)
{
    private static long s_next;

    /// <summary>A process-wide fresh id.</summary>
    public static ExprId New() => new(Interlocked.Increment(ref s_next));

    public override string ToString() => Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
