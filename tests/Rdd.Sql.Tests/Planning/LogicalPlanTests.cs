using Rdd.Sql.Expressions;
using Rdd.Sql.Planning.Logical;
using Rdd.Sql.Types;
using static Rdd.Sql.Tests.Planning.PlanTestSupport;

namespace Rdd.Sql.Tests.Planning;

using Window = Rdd.Sql.Planning.Logical.Window;

public class LogicalPlanTests
{
    [Fact]
    public void TreeString_ProjectFilterScan_IndentsLikeSparkExplain()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Project(Col("a"), E((Functions.Col("b") + 1).As("c"))));

        Assert.Equal(
            "Project [a, (b + 1) AS c]\n"
            + "+- Filter (a > 1)\n"
            + "   +- Scan csv [a, b, c] Paths: [t.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void TreeString_Join_MarksEarlierChildrenWithColon()
    {
        var plan = Analyzed(T().Alias("l").Join(U().Alias("r").Filter(E(Functions.Col("d") > 0.5)), JoinType.Inner, E(Functions.Col("l.a") == Functions.Col("r.a"))));

        Assert.Equal(
            "Join Inner, (a = a)\n"
            + ":- SubqueryAlias l\n"
            + ":  +- Scan csv [a, b, c] Paths: [t.csv]\n"
            + "+- Filter (d > 0.5)\n"
            + "   +- SubqueryAlias r\n"
            + "      +- Scan csv [id, a, d] Paths: [u.csv]\n",
            plan.TreeString());
    }

    [Fact]
    public void Output_AfterJoin_KeepsSameNamedColumnsDistinct()
    {
        var plan = Analyzed(T().Alias("l").Join(U().Alias("r"), JoinType.Inner, E(Functions.Col("l.a") == Functions.Col("r.a"))));

        var output = plan.Output;
        Assert.Equal(["a", "b", "c", "id", "a", "d"], output.Select(a => a.Name));
        Assert.NotEqual(output[0].ExprId, output[4].ExprId);
        Assert.Equal("l", output[0].Qualifier);
        Assert.Equal("r", output[4].Qualifier);
    }

    [Fact]
    public void Output_LeftOuterJoin_MakesRightSideNullable()
    {
        var left = LogicalPlanBuilder.Local(new StructType(new StructField("k", IntegerType.Instance, false)));
        var right = LogicalPlanBuilder.Local(new StructType(new StructField("v", IntegerType.Instance, false)));

        var plan = Analyzed(left.Join(right, JoinType.LeftOuter, E(Functions.Col("k") == Functions.Col("v"))));

        Assert.Equal([false, true], plan.Output.Select(a => a.Nullable));
    }

    [Fact]
    public void Output_LeftSemiJoin_HasLeftColumnsOnly()
    {
        var plan = Analyzed(T().Join(U(), JoinType.LeftSemi, E(Functions.Col("b") == Functions.Col("id"))));

        Assert.Equal(["a", "b", "c"], plan.Output.Select(a => a.Name));
    }

    [Fact]
    public void TransformUp_RuleChangesNothing_ReturnsSameInstance()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Limit(3));

        Assert.Same(plan, plan.TransformUp(node => node));
        Assert.Same(plan, plan.TransformDown(node => node));
        Assert.Same(plan, plan.TransformAllExpressions(e => e));
    }

    [Fact]
    public void TransformUp_ReplacesOneNode_RebuildsOnlyItsAncestors()
    {
        var plan = Analyzed(T().Filter(E(Functions.Col("a") > 1)).Limit(3));

        var rewritten = plan.TransformUp(node => node is Filter f ? f.Child : node);

        Assert.Equal("Limit 3\n+- Scan csv [a, b, c] Paths: [t.csv]\n", rewritten.TreeString());
        Assert.Same(((Filter)((Limit)plan).Child).Child, ((Limit)rewritten).Child);
    }

    [Fact]
    public void Window_Output_AppendsWindowColumnsToChild()
    {
        var plan = Analyzed(T().Window([E(Functions.Sum("b").As("total"))], [Col("c")], [new SortOrder(Col("a"))]));

        Assert.Equal(["a", "b", "c", "total"], plan.Output.Select(a => a.Name));
        Assert.Equal("Window [sum(b) AS total], [c], [a ASC NULLS FIRST]", plan.NodeString);
    }

    [Fact]
    public void Schema_MirrorsOutput()
    {
        var plan = Analyzed(T().Project(Col("c"), E((Functions.Col("a") * 2).As("twice"))));

        Assert.Equal("struct<c:string,twice:int>", plan.Schema.SimpleString);
    }

    [Fact]
    public void BindReferences_MapsAttributesToOrdinalsById()
    {
        var plan = (Project)Analyzed(T().Project(E((Functions.Col("c") == "x").As("isX")), Col("b")));

        var bound = PlanExpressions.BindReferences(plan.ProjectList[1], plan.Child.Output);

        Assert.Equal(1, Assert.IsType<BoundReference>(bound).Ordinal);
    }
}
