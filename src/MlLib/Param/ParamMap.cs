using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Rdd.MlLib;

/// <summary>One parameter value for one stage: what a <see cref="ParamMap"/> holds.</summary>
/// <param name="Stage">The stage the value belongs to.</param>
/// <param name="Name">The parameter (property) name.</param>
/// <param name="Value">The value.</param>
public sealed record ParamPair(PipelineStage Stage, string Name, object? Value)
{
    /// <summary>Spark's text: <c>logreg_4a8b1c2d3e4f-regParam: 0.1</c>.</summary>
    public override string ToString() =>
        $"{Stage.Uid}-{char.ToLowerInvariant(Name[0])}{Name[1..]}: {Convert.ToString(Value, CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Parameter values for stages, Spark ML's <c>ParamMap</c>: applied to copies of the stages they name when an
/// estimator is fitted with it (<see cref="Estimator.Fit(Rdd.Sql.DataFrame, ParamMap)"/>), which is how
/// <c>CrossValidator</c> tries a grid. Later values for the same parameter win.
/// </summary>
public sealed class ParamMap : IReadOnlyCollection<ParamPair>
{
    private readonly List<ParamPair> _pairs = [];

    /// <summary>An empty map.</summary>
    public ParamMap()
    {
    }

    /// <summary>A map of <paramref name="pairs"/>.</summary>
    public ParamMap(IEnumerable<ParamPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var pair in pairs)
        {
            Put(pair.Stage, pair.Name, pair.Value);
        }
    }

    /// <inheritdoc />
    public int Count => _pairs.Count;

    /// <summary>Sets parameter <paramref name="name"/> of <paramref name="stage"/>; returns this map.</summary>
    /// <exception cref="ArgumentException">The stage has no such parameter, or the value has the wrong type.</exception>
    public ParamMap Put(PipelineStage stage, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(name);
        var property = Find(stage, name);
        var converted = ConvertValue(value, property);
        _pairs.RemoveAll(p => ReferenceEquals(p.Stage, stage) && p.Name == property.Name);
        _pairs.Add(new ParamPair(stage, property.Name, converted));
        return this;
    }

    /// <summary>The value for <paramref name="stage"/>'s <paramref name="name"/>, if the map has one.</summary>
    public bool TryGet(PipelineStage stage, string name, out object? value)
    {
        foreach (var pair in _pairs)
        {
            if (ReferenceEquals(pair.Stage, stage) && string.Equals(pair.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }
        value = null;
        return false;
    }

    /// <summary>Sets the values that belong to <paramref name="original"/> on <paramref name="copy"/>.</summary>
    internal void ApplyTo(PipelineStage original, PipelineStage copy)
    {
        foreach (var pair in _pairs)
        {
            if (ReferenceEquals(pair.Stage, original))
            {
                Find(copy, pair.Name).SetValue(copy, pair.Value);
            }
        }
    }

    private static PropertyInfo Find(PipelineStage stage, string name) =>
        PipelineStage.ParamProperties(stage.GetType()).FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"{stage.GetType().Name} has no parameter '{name}'. Its parameters: {string.Join(", ", PipelineStage.ParamProperties(stage.GetType()).Select(p => p.Name))}.",
            nameof(name));

    private static object? ConvertValue(object? value, PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (value is null || type.IsInstanceOfType(value))
        {
            return value;
        }
        try
        {
            return Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new ArgumentException($"Parameter '{property.Name}' takes a {type.Name}, not the {value.GetType().Name} {value}.", nameof(value), e);
        }
    }

    /// <inheritdoc />
    public IEnumerator<ParamPair> GetEnumerator() => _pairs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Spark's text: one <c>uid-param: value</c> per line in braces.</summary>
    public override string ToString() => "{\n" + string.Concat(_pairs.Select(p => "\t" + p + "\n")) + "}";
}
