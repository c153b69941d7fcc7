namespace Rdd.Sql;

/// <summary>
/// Names the <see cref="UserDefinedType"/> that stores a class in DataFrame columns, as Spark's
/// <c>@SQLUserDefinedType</c>: <c>[SqlUserDefinedType(typeof(VectorType))] public abstract class Vector</c>.
/// Subclasses inherit it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, Inherited = true, AllowMultiple = false)]
public sealed class SqlUserDefinedTypeAttribute : Attribute
{
    /// <summary>The attribute for <paramref name="userDefinedType"/>, a <see cref="UserDefinedType"/> with a public parameterless constructor or a static <c>Instance</c>.</summary>
    public SqlUserDefinedTypeAttribute(Type userDefinedType)
    {
        ArgumentNullException.ThrowIfNull(userDefinedType);
        UserDefinedType = userDefinedType;
    }

    /// <summary>The type's class.</summary>
    public Type UserDefinedType { get; }
}
