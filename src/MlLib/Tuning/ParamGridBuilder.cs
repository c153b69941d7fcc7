using System.Linq.Expressions;
using System.Reflection;

namespace Rdd.MlLib;

/// <summary>
/// Builds the grid of parameter maps a <see cref="CrossValidator"/> or <see cref="TrainValidationSplit"/> tries, the
/// Cartesian product of every value list (Spark ML's <c>ParamGridBuilder</c>):
/// <c>new ParamGridBuilder().AddGrid(() =&gt; lr.RegParam, [0.1, 0.01]).AddGrid(() =&gt; lr.ElasticNetParam, [0.0, 1.0]).Build()</c>.
/// </summary>
public sealed class ParamGridBuilder
{
    private readonly List<(PipelineStage Stage, string Name, object?[] Values)> _grid = [];
    private readonly List<ParamPair> _base = [];

    /// <summary>Tries each of <paramref name="values"/> for the stage property that <paramref name="param"/> reads (<c>() =&gt; lr.RegParam</c>).</summary>
    /// <exception cref="ArgumentException">The lambda does not read a parameter property of a stage.</exception>
    public ParamGridBuilder AddGrid<T>(Expression<Func<T>> param, params T[] values)
    {
        ArgumentNullException.ThrowIfNull(param);
        ArgumentNullException.ThrowIfNull(values);
        if (param.Body is not MemberExpression { Member: PropertyInfo property, Expression: { } owner })
        {
            throw new ArgumentException($"AddGrid needs a stage's parameter property, as in () => lr.RegParam, not {param.Body}.", nameof(param));
        }
        var stage = Expression.Lambda<Func<object?>>(Expression.Convert(owner, typeof(object))).Compile()() as PipelineStage
            ?? throw new ArgumentException($"{param.Body} is not a parameter of a pipeline stage.", nameof(param));
        return AddGrid(stage, property.Name, [.. values.Cast<object?>()]);
    }

    /// <summary>Tries each of <paramref name="values"/> for parameter <paramref name="name"/> of <paramref name="stage"/>.</summary>
    /// <exception cref="ArgumentException">The stage has no such parameter, or a value has the wrong type.</exception>
    public ParamGridBuilder AddGrid(PipelineStage stage, string name, IEnumerable<object?> values)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var list = values?.ToArray() ?? throw new ArgumentNullException(nameof(values));
        // Validates the name and every value now rather than in the middle of a tuning run.
        var probe = new ParamMap();
        foreach (var value in list)
        {
            probe.Put(stage, name, value);
        }
        _grid.RemoveAll(g => ReferenceEquals(g.Stage, stage) && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
        _grid.Add((stage, name, list));
        return this;
    }

    /// <summary>Fixes parameters in every map of the grid.</summary>
    public ParamGridBuilder BaseOn(ParamMap paramMap)
    {
        ArgumentNullException.ThrowIfNull(paramMap);
        _base.AddRange(paramMap);
        return this;
    }

    /// <summary>Every combination: one map per element of the Cartesian product of the value lists (one empty map for an empty grid).</summary>
    public ParamMap[] Build()
    {
        IEnumerable<ParamMap> maps = [new ParamMap(_base)];
        foreach (var (stage, name, values) in _grid)
        {
            var current = maps.ToArray();
            maps = current.SelectMany(map => values.Select(value => new ParamMap(map).Put(stage, name, value)));
        }
        return [.. maps];
    }
}
