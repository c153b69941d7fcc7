using System.Reflection;
using Rdd.Sql;

namespace Rdd.MlLib;

/// <summary>
/// A step of a <see cref="Pipeline"/>, Spark ML's <c>PipelineStage</c>: an <see cref="Estimator"/> or a
/// <see cref="Transformer"/>. Its parameters are its public settable properties of simple types (numbers,
/// booleans, strings, arrays of them); <see cref="Params"/> lists them, a <see cref="ParamMap"/> overrides them
/// on a copy, and persistence saves them.
/// </summary>
public abstract class PipelineStage
{
    /// <summary>A stage with a fresh unique id starting with <paramref name="uidPrefix"/>.</summary>
    protected PipelineStage(string uidPrefix) => Uid = Identifiable.RandomUid(uidPrefix);

    /// <summary>The stage's unique id, Spark's <c>uid</c> (<c>logreg_4a8b1c2d3e4f</c>); a fitted model keeps its estimator's.</summary>
    public string Uid { get; internal set; }

    /// <summary>The parameters and their current values, by name, in declaration order.</summary>
    public IReadOnlyDictionary<string, object?> Params =>
        ParamProperties(GetType()).ToDictionary(p => p.Name, p => p.GetValue(this));

    /// <summary>A copy of this stage with the values of <paramref name="extra"/> that belong to it applied.</summary>
    public virtual PipelineStage Copy(ParamMap? extra = null)
    {
        var copy = (PipelineStage)MemberwiseClone();
        extra?.ApplyTo(this, copy);
        return copy;
    }

    /// <summary>
    /// The schema <see cref="Transformer.Transform"/> or <see cref="Estimator.Fit(DataFrame)"/> would produce from
    /// <paramref name="schema"/>, checking the input columns first (Spark's <c>transformSchema</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing or of the wrong type; the message names it.</exception>
    public abstract StructType TransformSchema(StructType schema);

    /// <summary>The type and uid, as Spark prints stages.</summary>
    public override string ToString() => $"{GetType().Name}: uid={Uid}";

    /// <summary>The settable public properties of simple types: what parameters are.</summary>
    internal static IEnumerable<PropertyInfo> ParamProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0 && IsSimple(p.PropertyType))
            .OrderBy(p => p.MetadataToken);

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum
            || type.IsArray && IsSimple(type.GetElementType()!);
    }
}
