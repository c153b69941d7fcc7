using Rdd.Sql.Analysis;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

public class AnalyzerTests
{
    [Fact]
    public void Analyze_UnknownColumn_ListsTheColumnsThatExist()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().Project(Col("zz"))));

        Assert.Equal(
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `zz` cannot be resolved. "
            + "Did you mean one of the following? [`a`, `b`, `c`].",
            error.Message);
    }

    [Fact]
    public void Analyze_NamesDifferInCase_ResolvesCaseInsensitively()
    {
        var plan = Analyzed(T().Project(Col("A"), Col("c")));

        Assert.Equal(["a", "c"], plan.Output.Select(a => a.Name));
    }

    [Fact]
    public void Analyze_QualifiedNamesAfterJoin_ResolveToTheirSide()
    {
        var plan = Analyzed(T().Alias("l").Join(U().Alias("r"), JoinType.Inner, E(Functions.Col("l.b") == Functions.Col("r.id")))
            .Project(Col("l.a"), Col("r.a")));

        var join = (Join)((Project)plan).Child;
        Assert.Equal(join.Left.Output[0].ExprId, plan.Output[0].ExprId);
        Assert.Equal(join.Right.Output[1].ExprId, plan.Output[1].ExprId);
    }

    [Fact]
    public void Analyze_UnqualifiedNameOnBothSidesOfJoin_ThrowsAmbiguous()
    {
        var error = Assert.Throws<AnalysisException>(() =>
            Analyzed(T().Alias("l").Join(U().Alias("r"), JoinType.Inner, E(Functions.Col("l.b") == Functions.Col("r.id"))).Project(Col("a"))));

        Assert.Equal("[AMBIGUOUS_REFERENCE] Reference `a` is ambiguous, could be: [`l.a`, `r.a`].", error.Message);
    }

    [Fact]
    public void Analyze_UnknownQualifiedName_ListsQualifiedColumns()
    {
        var error = Assert.Throws<AnalysisException>(() =>
            Analyzed(T().Alias("l").Join(U().Alias("r"), JoinType.Cross).Project(Col("r.b"))));

        Assert.Contains("`r.b` cannot be resolved", error.Message, StringComparison.Ordinal);
        // Spark's suggestions: the five nearest names by edit distance, nearest first.
        Assert.Contains("[`l.b`, `r.a`, `r.d`, `l.a`, `l.c`]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_FilterConditionNotBoolean_Throws()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().Filter(E(Functions.Col("a") + 1))));

        Assert.Equal("[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Filter expression `(a + 1)` of type int is not a boolean.", error.Message);
    }

    [Fact]
    public void Analyze_NonGroupedColumnInAggregate_ThrowsMissingAggregation()
    {
        var error = Assert.Throws<AnalysisException>(() =>
            Analyzed(T().Aggregate([Col("c")], [Col("c"), Col("a"), E(Functions.Sum("b"))])));

        Assert.StartsWith("[MISSING_AGGREGATION] The non-aggregating expression `a` is based on columns which are not participating in the GROUP BY clause.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_GroupedExpressionAndAggregates_Resolves()
    {
        var plan = Analyzed(T().Aggregate([E(Functions.Col("a") + 1)], [E(Functions.Col("a") + 1), E(Functions.Sum("b") * 2), E(Functions.Count("*").As("n"))]));

        Assert.Equal("Aggregate [(a + 1)], [(a + 1) AS (a + 1), (sum(b) * 2) AS (sum(b) * 2), count(1) AS n]", plan.NodeString);
        Assert.Equal("struct<(a + 1):int,(sum(b) * 2):bigint,n:bigint>", plan.Schema.SimpleString);
    }

    [Fact]
    public void Analyze_SelectWithAggregates_BecomesGlobalAggregate()
    {
        var plan = Analyzed(T().Project(E(Functions.Max("a").As("m"))));

        Assert.Equal("Aggregate [], [max(a) AS m]", plan.NodeString);
    }

    [Fact]
    public void Analyze_SelectStar_ExpandsToChildColumns()
    {
        var plan = Analyzed(T().Project(Col("*")));

        Assert.Equal("Project [a, b, c]", plan.NodeString);
    }

    [Fact]
    public void Analyze_UnionWithDifferentArity_Throws()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().Union(U().Project(Col("id")))));

        Assert.StartsWith("[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but the first input has 3 columns and the second input has 1 columns.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_UnionOfIntAndDouble_WidensToDouble()
    {
        var plan = Analyzed(T().Project(Col("a"), Col("c")).Union(U().Project(Col("d"), Col("a"))));

        Assert.Equal("struct<a:double,c:string>", plan.Schema.SimpleString);
        Assert.Equal(
            "Union\n"
            + ":- Project [CAST(a AS DOUBLE) AS a, c]\n"
            + ":  +- Project [a, c]\n"
            + ":     +- Scan csv [a, b, c] Paths: [t.csv]\n"
            + "+- Project [d, CAST(a AS STRING) AS a]\n"
            + "   +- Project [d, a]\n"
            + "      +- Scan csv [id, a, d] Paths: [u.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void Analyze_UnionOfIncompatibleTypes_Throws()
    {
        var dates = LogicalPlanBuilder.Local(new StructType(new StructField("day", DateType.Instance)));
        var flags = LogicalPlanBuilder.Local(new StructType(new StructField("flag", BooleanType.Instance)));

        var error = Assert.Throws<AnalysisException>(() => Analyzed(dates.Union(flags)));

        Assert.StartsWith("[INCOMPATIBLE_COLUMN_TYPE]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_InnerJoinUsing_KeepsOneKeyColumn()
    {
        var plan = Analyzed(T().JoinUsing(U(), JoinType.Inner, "a"));

        Assert.Equal(
            "Project [a, b, c, id, d]\n"
            + "+- Join Inner, (a = a)\n"
            + "   :- Scan csv [a, b, c] Paths: [t.csv]\n"
            + "   +- Scan csv [id, a, d] Paths: [u.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void Analyze_FullJoinUsing_CoalescesTheKeys()
    {
        var plan = Analyzed(T().JoinUsing(U(), JoinType.FullOuter, "A"));

        Assert.Equal("Project [coalesce(a, a) AS a, b, c, id, d]", plan.NodeString);
        Assert.All(plan.Output, a => Assert.True(a.Nullable));
    }

    [Fact]
    public void Analyze_UsingColumnMissingOnOneSide_Throws()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().JoinUsing(U(), JoinType.Inner, "c")));

        Assert.Equal(
            "[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `c` cannot be resolved on the right side of the join. The right-side columns: [`id`, `a`, `d`].",
            error.Message);
    }

    [Fact]
    public void Analyze_ResolvedPlan_ReturnsSameInstance()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Project(Col("a"), E((Functions.Col("b") + 1).As("c"))).Sort(new Rdd.Sql.Expressions.SortOrder(Col("c"))));

        Assert.Same(plan, Analyzer.Analyze(plan));
    }

    [Fact]
    public void Analyze_ComparisonOfIntAndDouble_InsertsCast()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1.5)));

        Assert.Equal("Filter (CAST(a AS DOUBLE) > 1.5)", plan.NodeString);
    }

    [Fact]
    public void Analyze_SortOnColumnNotSelected_CarriesItThroughTheProject()
    {
        var plan = Analyzed(T().Project(Col("a")).Sort(new Rdd.Sql.Expressions.SortOrder(Col("b"), ascending: false)));

        Assert.Equal(
            "Project [a]\n"
            + "+- Sort [b DESC NULLS LAST], true\n"
            + "   +- Project [a, b]\n"
            + "      +- Scan csv [a, b, c] Paths: [t.csv]\n",
            plan.TreeString());
        Assert.Equal("struct<a:int>", plan.Schema.SimpleString);
    }

    [Fact]
    public void Analyze_FilterOnColumnNotSelected_CarriesItThroughTheProject()
    {
        var plan = Analyzed(T().Project(Col("c")).Filter(E(Functions.Col("a") > 1)));

        Assert.Equal(
            "Project [c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Project [c, a]\n"
            + "      +- Scan csv [a, b, c] Paths: [t.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void Analyze_FilterOnColumnNowhere_ListsTheProjectColumns()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().Project(Col("c")).Filter(E(Functions.Col("zz") > 1))));

        Assert.EndsWith("Did you mean one of the following? [`c`].", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_AggregateInWhere_Throws()
    {
        var error = Assert.Throws<AnalysisException>(() => Analyzed(T().Filter(E(Functions.Sum("a") > 1))));

        Assert.StartsWith("[INVALID_AGGREGATE_USE] Aggregate function `sum(a)` is not allowed in WHERE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SelfJoinOfOnePlan_GivesTheRightSideFreshIds()
    {
        var shared = T().Project(Col("a"), E((Functions.Col("b") + 1).As("b1")));

        var plan = Analyzed(shared.Alias("x").Join(shared.Alias("y"), JoinType.Inner, E(Functions.Col("x.a") == Functions.Col("y.b1")))
            .Project(Col("x.a"), Col("y.a"), Col("y.b1")));

        Assert.Equal(3, plan.Output.Select(a => a.ExprId).Distinct().Count());
        var join = (Join)((Project)plan).Child;
        Assert.Empty(PlanExpressions.Ids(join.Left.Output).Intersect(join.Right.Output.Select(a => a.ExprId)));
        Assert.Equal(
            "Project [a, a, b1]\n"
            + "+- Join Inner, (a = b1)\n"
            + "   :- SubqueryAlias x\n"
            + "   :  +- Project [a, (b + 1) AS b1]\n"
            + "   :     +- Scan csv [a, b, c] Paths: [t.csv]\n"
            + "   +- SubqueryAlias y\n"
            + "      +- Project [a, (b + 1) AS b1]\n"
            + "         +- Scan csv [a, b, c] Paths: [t.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void Analyze_SelfJoinUsing_Resolves()
    {
        var shared = T();

        var plan = Analyzed(shared.JoinUsing(shared, JoinType.Inner, "a"));

        Assert.Equal("Project [a, b, c, b, c]", plan.NodeString);
        Assert.Equal(5, plan.Output.Select(a => a.ExprId).Distinct().Count());
    }
}
