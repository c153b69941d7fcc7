using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Rdd.Sql;

/// <summary>
/// The SQL runtime settings of a <see cref="SqlContext"/>, Spark's <c>spark.conf</c>: string keys and values, set
/// with <see cref="Set"/> or the SQL statement <c>SET key = value</c>, read at planning time, so a change applies to
/// the next query run. Settings the engine reads:
/// <list type="table">
/// <item><term><c>spark.sql.autoBroadcastJoinThreshold</c></term><description>Default <c>10MB</c>. A join side whose
/// estimated size is at most this many bytes (a byte string: <c>10485760</c>, <c>10m</c>, <c>10MB</c>, <c>1g</c>) is
/// collected once and broadcast to every partition of the other side, which is then not shuffled; <c>-1</c> turns
/// broadcasting off.</description></item>
/// <item><term><c>spark.sql.optimizer.excludedRules</c></term><description>Default empty. Comma-separated optimizer rules
/// not to run (by name, e.g. <c>ReorderJoin</c>; Spark's qualified names work too), for comparing plans.</description></item>
/// </list>
/// Other keys are stored and returned as they are, as Spark does.
/// </summary>
public sealed partial class RuntimeConfig
{
    /// <summary>The broadcast threshold key.</summary>
    internal const string AutoBroadcastJoinThresholdKey = "spark.sql.autoBroadcastJoinThreshold";

    /// <summary>The excluded optimizer rules key.</summary>
    internal const string ExcludedRulesKey = "spark.sql.optimizer.excludedRules";

    /// <summary>The default broadcast threshold, Spark's: 10 MiB.</summary>
    internal const long DefaultAutoBroadcastJoinThreshold = 10L * 1024 * 1024;

    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        [AutoBroadcastJoinThresholdKey] = $"{DefaultAutoBroadcastJoinThreshold}b",
        [ExcludedRulesKey] = "",
    };

    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    internal RuntimeConfig()
    {
    }

    /// <summary>The value of <paramref name="key"/>: the one set, else the engine's default for it.</summary>
    /// <exception cref="KeyNotFoundException">The key was never set and has no default.</exception>
    public string Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _values.TryGetValue(key, out var value) ? value
            : Defaults.TryGetValue(key, out var fallback) ? fallback
            : throw new KeyNotFoundException($"[SQL_CONF_NOT_FOUND] The SQL config \"{key}\" cannot be found. Please verify that the config exists.");
    }

    /// <summary>The value of <paramref name="key"/>, or <paramref name="defaultValue"/> when it was never set.</summary>
    public string? Get(string key, string? defaultValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _values.TryGetValue(key, out var value) ? value : defaultValue;
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> for the queries planned from now on.</summary>
    /// <exception cref="ArgumentException">The value is not valid for a setting the engine reads (the message names the key).</exception>
    public void Set(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == AutoBroadcastJoinThresholdKey)
        {
            ParseBytes(key, value);
        }
        _values[key] = value.Trim();
    }

    /// <summary>Resets <paramref name="key"/> to its default (or to unset).</summary>
    public void Unset(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _values.TryRemove(key, out _);
    }

    /// <summary>Every key set, with its value, sorted by key (what <c>SET</c> lists).</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> All => [.. _values.OrderBy(p => p.Key, StringComparer.Ordinal)];

    /// <summary>The broadcast threshold in bytes; negative when broadcasting is off.</summary>
    internal long AutoBroadcastJoinThreshold => ParseBytes(AutoBroadcastJoinThresholdKey, Get(AutoBroadcastJoinThresholdKey));

    /// <summary>The optimizer rules not to run, by their short names.</summary>
    internal IReadOnlyList<string> ExcludedRules =>
        [.. Get(ExcludedRulesKey).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(rule => rule[(rule.LastIndexOf('.') + 1)..])];

    /// <summary>
    /// A byte string as Spark reads one (<c>JavaUtils.byteStringAs</c>): an integer and an optional unit b, k, m, g, t,
    /// p (with or without a trailing b, any case, powers of 1024); bytes without a unit.
    /// </summary>
    /// <exception cref="ArgumentException">Not such a string; the message names the key.</exception>
    internal static long ParseBytes(string key, string value)
    {
        var match = ByteString().Match(value);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
        {
            throw new ArgumentException(
                $"The value '{value}' of the SQL config \"{key}\" is not a size in bytes: use a number with an optional unit (b, k, kb, m, mb, g, gb, t, tb, p, pb), e.g. 10MB, or -1.",
                nameof(value));
        }
        int shift = match.Groups[2].Value.ToLowerInvariant().TrimEnd('b') switch
        {
            "" => 0,
            "k" => 10,
            "m" => 20,
            "g" => 30,
            "t" => 40,
            _ => 50,
        };
        return number < 0 ? number : checked(number * (1L << shift));
    }

    [GeneratedRegex(@"^\s*(-?\d+)\s*([kmgtp]?b?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ByteString();
}
