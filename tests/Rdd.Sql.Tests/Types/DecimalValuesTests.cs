using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.Types;

/// <summary>The 128-bit decimal arithmetic under the decimal type: parsing, HALF_UP rescaling, overflow, text, .NET decimal.</summary>
public sealed class DecimalValuesTests
{
    [Theory]
    [InlineData("1.005", 5, 2, "1.01")]
    [InlineData("-1.005", 5, 2, "-1.01")]
    [InlineData("-1.004", 5, 2, "-1.00")]
    [InlineData("  +.5 ", 3, 1, "0.5")]
    [InlineData("1e-3", 5, 3, "0.001")]
    [InlineData("1.5E+2", 5, 0, "150")]
    [InlineData("0.000000000000000000000000000000000000000000001", 38, 2, "0.00")]
    [InlineData("99999999999999999999999999999999999999", 38, 0, "99999999999999999999999999999999999999")]
    [InlineData("123456789012345678901234567890123456789012", 38, 0, null)]
    [InlineData("100000", 5, 0, null)]
    [InlineData("99999.995", 7, 2, null)]
    [InlineData("1.2.3", 5, 0, null)]
    [InlineData("", 5, 0, null)]
    [InlineData("e5", 5, 0, null)]
    public void TryParse_RoundsHalfUpAndChecksPrecision(string text, int precision, int scale, string? expected)
    {
        bool ok = DecimalValues.TryParse(text, precision, scale, out var unscaled);
        Assert.Equal(expected, ok ? DecimalValues.ToString(unscaled, scale) : null);
    }

    [Fact]
    public void FormatUtf8_MatchesToString()
    {
        Span<byte> buffer = stackalloc byte[64];
        foreach (var (value, scale) in new (Int128, int)[] { (0, 0), (0, 3), (-5, 3), (123456, 2), (Int128.Parse("-99999999999999999999999999999999999999"), 38) })
        {
            int length = DecimalValues.FormatUtf8(value, scale, buffer);
            Assert.Equal(DecimalValues.ToString(value, scale), System.Text.Encoding.ASCII.GetString(buffer[..length]));
        }
        Assert.Equal("-0.005", DecimalValues.ToString(-5, 3));
        Assert.Equal("-0.99999999999999999999999999999999999999", DecimalValues.ToString(Int128.Parse("-99999999999999999999999999999999999999"), 38));
    }

    [Fact]
    public void ToDecimal_KeepsScale_DropsOnlyTrailingZeros_RefusesWiderValues()
    {
        Assert.Equal("1.50", DecimalValues.ToDecimal(150, 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        // 30 digits of scale, all zeros past the 28th: representable after dropping them.
        Assert.Equal(0.5m, DecimalValues.ToDecimal(Int128.Parse("500000000000000000000000000000"), 30));
        Assert.False(DecimalValues.TryToDecimal(Int128.Parse("12345678901234567890123456789012"), 1, out _));
        Assert.True(DecimalValues.TryFromDecimal(decimal.MaxValue, 38, 0, out var max));
        Assert.Equal(decimal.MaxValue, DecimalValues.ToDecimal(max, 0));
        Assert.False(DecimalValues.TryFromDecimal(decimal.MaxValue, 38, 10, out _));
    }

    [Fact]
    public void Arithmetic_WideIntermediates_AreExact()
    {
        var big = Int128.Parse("99999999999999999999999999999999999999");
        // (10^38 - 1) × (10^38 - 1) needs 76 digits: exact through BigInteger, then too wide for 38.
        Assert.False(DecimalValues.TryMultiply(big, 0, big, 0, 38, 0, out _));
        // 1.0000000000000000001 × 1.0000000000000000001 at scale 6 rounds to 1.000000.
        var nearOne = Int128.Parse("10000000000000000001");
        Assert.True(DecimalValues.TryMultiply(nearOne, 19, nearOne, 19, 38, 6, out var product));
        Assert.Equal("1.000000", DecimalValues.ToString(product, 6));
        Assert.True(DecimalValues.TryDivide(2, 0, 3, 0, 38, 6, out var twoThirds));
        Assert.Equal("0.666667", DecimalValues.ToString(twoThirds, 6));
        Assert.True(DecimalValues.TryDivide(-1, 0, 8, 0, 38, 2, out var eighth));
        Assert.Equal("-0.13", DecimalValues.ToString(eighth, 2));
        Assert.False(DecimalValues.TryDivide(1, 0, 0, 0, 38, 6, out _));
        // decimal(38,0) + decimal(38,38) is decimal(38,6): the common scale 38 leaves 128 bits, the exact sum does not.
        Assert.False(DecimalValues.TryAdd(big, 0, 1, 38, false, 38, 6, out _));
        Assert.True(DecimalValues.TryAdd(DecimalValues.Pow10(31), 0, 1, 38, false, 38, 6, out var sum));
        Assert.Equal("10000000000000000000000000000000.000000", DecimalValues.ToString(sum, 6));
        Assert.True(DecimalValues.TryAdd(DecimalValues.Pow10(31), 0, 15, 7, true, 38, 6, out var difference));
        Assert.Equal("9999999999999999999999999999999.999999", DecimalValues.ToString(difference, 6));
        Assert.True(DecimalValues.TryRemainder(-7, 0, 3, 0, 10, 0, out var remainder));
        Assert.Equal(-1, remainder);
    }
}
