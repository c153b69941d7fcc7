using System.Globalization;

namespace Rdd.Benchmarks.Commands;

/// <summary>The few <c>--name value</c> and <c>--flag</c> options the commands take.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="args">The command's arguments (after the command name).</param>
    /// <param name="valued">Options that take a value.</param>
    /// <param name="flags">Options that stand alone.</param>
    public Options(IEnumerable<string> args, string[] valued, string[] flags)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{arg}'.");
            var name = arg[2..];
            if (flags.Contains(name, StringComparer.OrdinalIgnoreCase)) _values[name] = null;
            else if (!valued.Contains(name, StringComparer.OrdinalIgnoreCase)) throw new ArgumentException($"Unknown option '{arg}'.");
            else if (e.MoveNext()) _values[name] = e.Current;
            else throw new ArgumentException($"Option '{arg}' needs a value.");
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The option's integer value, or <paramref name="fallback"/> when absent; a value that is not an integer names the option.</summary>
    public int Int(string name, int fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new ArgumentException($"Option '--{name}' expects an integer, got '{v}'.");
    }

    /// <summary>The option's number, or <paramref name="fallback"/> when absent; a value that is not a number names the option.</summary>
    public double Double(string name, double fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"Option '--{name}' expects a number, got '{v}'.");
    }

    public string? String(string name) => _values.GetValueOrDefault(name);
}
