using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Analysis;

internal static partial class Analyzer
{
    private static LogicalPlan ResolveJoin(Join join)
    {
        if (PlanExpressions.Ids(join.Left.Output).Overlaps(join.Right.Output.Select(a => a.ExprId)))
        {
            join = new Join(join.Left, NewInstance(join.Right), join.JoinType, join.Condition, join.UsingColumns);
        }
        if (join.UsingColumns.Count > 0)
        {
            return ResolveUsingJoin(join);
        }
        var resolved = (Join)join.MapExpressions(e => ResolveExpression(e, [.. join.Left.Output, .. join.Right.Output]));
        if (resolved.Condition is not null)
        {
            RequireBoolean(resolved.Condition, "Join");
        }
        return resolved;
    }

    /// <summary>
    /// Spark's USING join: <c>l.k = r.k</c> for each using column, and a Project on top listing each key once
    /// (the left's for inner, left and semi/anti joins, the right's for a right join, <c>coalesce(l.k, r.k)</c>
    /// for a full join), then the other left columns, then the other right columns.
    /// </summary>
    private static LogicalPlan ResolveUsingJoin(Join join)
    {
        var leftOutput = join.Left.Output;
        var rightOutput = join.Right.Output;
        var leftKeys = join.UsingColumns.Select(name => UsingKey(name, leftOutput, "left")).ToList();
        var rightKeys = join.UsingColumns.Select(name => UsingKey(name, rightOutput, "right")).ToList();
        var condition = PlanExpressions.And(leftKeys.Select((l, i) =>
            new Comparison(ComparisonOperator.Equal, l, rightKeys[i]).ResolveNode(s_noInput)));
        var resolved = new Join(join.Left, join.Right, join.JoinType, condition);
        var output = resolved.Output;
        AttributeReference Nullable(AttributeReference a) => output.First(o => o.ExprId == a.ExprId);

        var leftIds = PlanExpressions.Ids(leftKeys);
        var rightIds = PlanExpressions.Ids(rightKeys);
        var leftRest = leftOutput.Where(a => !leftIds.Contains(a.ExprId)).Select(Nullable);
        var rightRest = rightOutput.Where(a => !rightIds.Contains(a.ExprId)).Select(Nullable);
        IEnumerable<Expression> keys = join.JoinType switch
        {
            JoinType.RightOuter => rightKeys.Select(Nullable),
            JoinType.FullOuter => leftKeys.Select((l, i) => (Expression)new NamedAlias(
                new Coalesce([l.WithNullability(true), rightKeys[i].WithNullability(true)]).ResolveNode(s_noInput), l.Name, ExprId.New())),
            _ => leftKeys.Select(Nullable),
        };
        List<Expression> list = join.JoinType.OutputsRight()
            ? [.. keys, .. leftRest, .. rightRest]
            : [.. keys, .. leftRest];
        return new Project(list, resolved);
    }

    private static AttributeReference UsingKey(string name, IReadOnlyList<AttributeReference> side, string sideName)
    {
        var matches = side.Where(a => NameEquals(a.Name, name)).DistinctBy(a => a.ExprId).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new AnalysisException(
                $"[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `{name}` cannot be resolved on the {sideName} side of the join. "
                + $"The {sideName}-side columns: [{string.Join(", ", side.Select(a => $"`{a.QualifiedName}`"))}]."),
            _ => throw new AnalysisException(
                $"[AMBIGUOUS_REFERENCE] Reference `{name}` is ambiguous, could be: [{string.Join(", ", matches.Select(m => $"`{m.QualifiedName}`"))}]."),
        };
    }

    /// <summary>
    /// Spark's DeduplicateRelations: a self-join (<c>df.Join(df, ...)</c>) has the same attributes on both
    /// sides, so the right side gets fresh ids for every column it produces (relations and aliases; a cached or
    /// Rdd-backed relation through a renaming Project), and every reference inside it follows.
    /// </summary>
    internal static LogicalPlan NewInstance(LogicalPlan plan)
    {
        var map = new Dictionary<ExprId, ExprId>();
        ExprId Renew(ExprId old)
        {
            if (!map.TryGetValue(old, out var id))
            {
                id = ExprId.New();
                map[old] = id;
            }
            return id;
        }
        AttributeReference RenewAttribute(AttributeReference a) => new(a.Name, a.DataType, a.Nullable, a.Qualifier, Renew(a.ExprId));
        Expression Remap(Expression e) => e.TransformUp(x =>
            x is AttributeReference a && map.TryGetValue(a.ExprId, out var id) ? new AttributeReference(a.Name, a.DataType, a.Nullable, a.Qualifier, id) : x);
        return plan.TransformUp(node => node switch
        {
            Scan scan => new Scan(
                scan.Source,
                [.. scan.FullOutput.Select(RenewAttribute)],
                scan.RequiredColumns is null ? null : [.. scan.RequiredColumns.Select(a => (AttributeReference)Remap(a))],
                [.. scan.PushedFilters.Select(Remap)]),
            LocalRelation relation => new LocalRelation([.. relation.Output.Select(RenewAttribute)], relation.Rows),
            // A cached or Rdd-backed relation owns its attributes: fresh ids come from a Project renaming each column.
            InMemoryRelation or RddRelation => new Project([.. node.Output.Select(a => (Expression)new NamedAlias(a, a.Name, Renew(a.ExprId)))], node),
            _ => node.MapExpressions(Remap).MapExpressions(e => e is NamedAlias alias ? new NamedAlias(alias.Child, alias.Name, Renew(alias.ExprId)) : e),
        });
    }
}
