using Rdd.Sql.Planning.Logical;

namespace Rdd.Sql.Planning.Optimizer;

/// <summary>
/// Runs the rules in a fixed order, pass after pass, until a pass changes nothing (at most
/// <see cref="MaxPasses"/>). After each rule it checks that the plan's output names and types are unchanged,
/// and it records which rules changed the plan, for <c>Explain(extended: true)</c>.
/// </summary>
internal sealed class Optimizer
{
    /// <summary>The bound on passes over the rule list.</summary>
    public const int MaxPasses = 10;

    private readonly IOptimizerRule[] _rules;
    private readonly IOptimizerRule[] _onceRules;
    private readonly HashSet<string> _disabled;

    /// <summary>
    /// An optimizer running <paramref name="rules"/> (default: <see cref="DefaultRules"/>, then once
    /// <see cref="DefaultOnceRules"/>) except those named in <paramref name="disabledRules"/>.
    /// </summary>
    public Optimizer(IEnumerable<IOptimizerRule>? rules = null, IEnumerable<string>? disabledRules = null)
    {
        _rules = [.. rules ?? DefaultRules()];
        _onceRules = rules is null ? [.. DefaultOnceRules()] : [];
        _disabled = new HashSet<string>(disabledRules ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rules, in the order each pass runs them.</summary>
    public IReadOnlyList<IOptimizerRule> Rules => _rules;

    /// <summary>
    /// The rules run once each after <see cref="DefaultRules"/> reach a fixed point (Spark's "Once" batches), each
    /// followed by the fixed-point rules again when it changed the plan: join reordering needs the join conditions
    /// that filter pushdown builds, and must not flip orders back and forth between passes. Extra join predicates come
    /// first, so that reordering sees the filtered relations, and semi-join reduction last, on the final join tree: both
    /// add operators that the fixed-point rules then move away, so a second run would add them again.
    /// </summary>
    public static IReadOnlyList<IOptimizerRule> DefaultOnceRules() => [new PushExtraPredicateThroughJoin(), new ReorderJoin(), new InjectSemiJoinReduction()];

    /// <summary>The standard rule list: simplify expressions, merge adjacent operators, turn outer joins that filters make inner into inner joins, push filters down, prune columns, then
    /// infer window group limits (last, as in Spark, once filters sit directly on their windows).</summary>
    public static IReadOnlyList<IOptimizerRule> DefaultRules() =>
    [
        new FoldConstants(),
        new SimplifyBooleans(),
        new CombineFilters(),
        new CombineProjections(),
        new CombineLimits(),
        new EliminateOuterJoin(),
        new PushDownFilter(),
        new PushSemiJoinThroughJoin(),
        new PruneColumns(),
        new InferWindowGroupLimit(),
    ];

    /// <summary>Optimizes an analyzed plan.</summary>
    /// <exception cref="InvalidOperationException">A rule changed the output schema (a bug in the rule).</exception>
    public OptimizedPlan Optimize(LogicalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var applied = new List<AppliedRule>();
        var expected = plan.Output;
        int pass = 0;
        plan = RunToFixedPoint(plan, expected, applied, ref pass);
        foreach (var rule in _onceRules)
        {
            if (Apply(rule, plan, expected, applied, pass) is { } rewritten)
            {
                plan = RunToFixedPoint(rewritten, expected, applied, ref pass);
            }
        }
        return new OptimizedPlan(plan, applied, pass);
    }

    /// <summary>Runs the fixed-point rules pass after pass until a pass changes nothing (at most <see cref="MaxPasses"/> passes).</summary>
    private LogicalPlan RunToFixedPoint(LogicalPlan plan, IReadOnlyList<AttributeReference> expected, List<AppliedRule> applied, ref int pass)
    {
        bool changed = true;
        int passes = 0;
        while (changed && passes < MaxPasses)
        {
            pass++;
            passes++;
            changed = false;
            foreach (var rule in _rules)
            {
                if (Apply(rule, plan, expected, applied, pass) is { } rewritten)
                {
                    plan = rewritten;
                    changed = true;
                }
            }
        }
        return plan;
    }

    /// <summary>The rule's rewrite of <paramref name="plan"/>, checked and recorded; null when the rule is disabled or changed nothing.</summary>
    private LogicalPlan? Apply(IOptimizerRule rule, LogicalPlan plan, IReadOnlyList<AttributeReference> expected, List<AppliedRule> applied, int pass)
    {
        if (_disabled.Contains(rule.Name))
        {
            return null;
        }
        var rewritten = rule.Rewrite(plan);
        if (ReferenceEquals(rewritten, plan))
        {
            return null;
        }
        AssertSchemaUnchanged(rule, expected, rewritten);
        applied.Add(new AppliedRule(rule.Name, pass));
        return rewritten;
    }

    private static void AssertSchemaUnchanged(IOptimizerRule rule, IReadOnlyList<AttributeReference> expected, LogicalPlan rewritten)
    {
        var actual = rewritten.Output;
        bool same = actual.Count == expected.Count
            && actual.Zip(expected).All(p => p.First.Name == p.Second.Name && p.First.DataType == p.Second.DataType);
        if (!same)
        {
            static string Describe(IEnumerable<AttributeReference> output) => $"[{string.Join(", ", output.Select(a => $"{a.Name}: {a.DataType.SimpleString}"))}]";
            throw new InvalidOperationException(
                $"Optimizer rule {rule.Name} changed the plan's schema from {Describe(expected)} to {Describe(actual)}.");
        }
    }
}

/// <summary>A rule that changed the plan, and in which pass.</summary>
internal readonly record struct AppliedRule(string Name, int Pass);

/// <summary>The optimizer's result: the plan, the rules that changed it (in order) and the number of passes run.</summary>
internal sealed record OptimizedPlan(LogicalPlan Plan, IReadOnlyList<AppliedRule> AppliedRules, int Passes)
{
    /// <summary>The distinct names of the rules that changed the plan, in first-applied order.</summary>
    public IReadOnlyList<string> AppliedRuleNames => [.. AppliedRules.Select(r => r.Name).Distinct()];

    /// <summary>
    /// The logical part of <c>Explain(extended: true)</c>, in Spark's section layout, plus the rules that changed
    /// the plan: <c>== Analyzed Logical Plan ==</c>, <c>== Optimized Logical Plan ==</c>, <c>== Applied Rules ==</c>.
    /// </summary>
    public string ExplainText(LogicalPlan analyzed)
    {
        ArgumentNullException.ThrowIfNull(analyzed);
        var rules = AppliedRules.Count == 0
            ? "(none)\n"
            : string.Concat(AppliedRules.Select(r => $"{r.Name} (pass {r.Pass})\n"));
        return "== Analyzed Logical Plan ==\n" + analyzed.TreeString()
            + "\n== Optimized Logical Plan ==\n" + Plan.TreeString()
            + "\n== Applied Rules ==\n" + rules;
    }
}
