using System.Globalization;

namespace Rdd.Core;

/// <summary>A value that may be absent: the outer joins' missing side. Formats as <c>Some(x)</c> or <c>None</c>.</summary>
public readonly struct Option<T> : IEquatable<Option<T>>
{
    private readonly T _value;

    internal Option(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>The absent value.</summary>
    public static Option<T> None => default;

    /// <summary>True when a value is present.</summary>
    public bool HasValue { get; }

    /// <summary>The value; throws <see cref="InvalidOperationException"/> on None.</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("Option.None has no value.");

    /// <summary>The value, or <paramref name="fallback"/> on None.</summary>
    public T GetValueOrDefault(T fallback) => HasValue ? _value : fallback;

    /// <inheritdoc />
    public bool Equals(Option<T> other) =>
        HasValue == other.HasValue && (!HasValue || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Option<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HasValue ? HashCode.Combine(1, _value) : 0;

    /// <inheritdoc />
    public override string ToString() =>
        HasValue ? $"Some({(_value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : _value?.ToString() ?? "null")})" : "None";

    /// <summary>Compares by value.</summary>
    public static bool operator ==(Option<T> left, Option<T> right) => left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator !=(Option<T> left, Option<T> right) => !left.Equals(right);

    /// <summary>Wraps a value.</summary>
    public static implicit operator Option<T>(T value) => new(value);
}

/// <summary>Factory for <see cref="Option{T}"/>.</summary>
public static class Option
{
    /// <summary>An option holding <paramref name="value"/>.</summary>
    public static Option<T> Some<T>(T value) => new(value);

    /// <summary>The absent value of <typeparamref name="T"/>.</summary>
    public static Option<T> None<T>() => default;
}
