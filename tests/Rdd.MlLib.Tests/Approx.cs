namespace Rdd.MlLib.Tests;

/// <summary>Floating-point comparisons whose failures say which value differed and by how much.</summary>
internal static class Approx
{
    /// <summary>|actual − expected| ≤ rel · max(|expected|, |actual|): relative, so an expected 0 must be exactly 0.</summary>
    public static void Relative(double expected, double actual, double rel, string what)
    {
        if (expected.Equals(actual)) return;
        double diff = Math.Abs(actual - expected);
        if (!(diff <= rel * Math.Max(Math.Abs(expected), Math.Abs(actual))))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (relative difference {diff / Math.Max(Math.Abs(expected), Math.Abs(actual)):E2}, allowed {rel:E1}).");
        }
    }

    /// <summary><see cref="Relative(double, double, double, string)"/> for every element, lengths equal.</summary>
    public static void Relative(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double rel, string what)
    {
        Assert.True(expected.Count == actual.Count, $"{what}: expected {expected.Count} values, got {actual.Count}.");
        for (int i = 0; i < expected.Count; i++) Relative(expected[i], actual[i], rel, $"{what}[{i}]");
    }

    /// <summary>|actual − expected| ≤ tolerance.</summary>
    public static void Absolute(double expected, double actual, double tolerance, string what)
    {
        if (expected.Equals(actual)) return;
        double diff = Math.Abs(actual - expected);
        if (!(diff <= tolerance))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (difference {diff:E2}, allowed {tolerance:E1}).");
        }
    }
}
