using System.Globalization;
using System.Text;
using Rdd.Sql.IO.Columns;

namespace Rdd.Sql.Tests.IO.Columns;

public class ValueParsersTests
{
    [Fact]
    public void FloatingParser_RandomDecimalText_MatchesTheRuntimeBitForBit()
    {
        var random = new Random(11);
        var parser = default(FloatingParser<double>);
        for (int i = 0; i < 50_000; i++)
        {
            string text = RandomNumberText(random);
            double expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(text), out double actual), text);
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{text}: {expected:R} vs {actual:R}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e")]
    [InlineData("1.5x")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("inf")]
    public void FloatingParser_NotANumber_Fails(string text) =>
        Assert.False(default(FloatingParser<double>).TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("1e400", double.PositiveInfinity)]
    [InlineData("-0", -0.0)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("+1E-3", 0.001)]
    public void FloatingParser_SpecialForms(string text, double expected)
    {
        Assert.True(default(FloatingParser<double>).TryParse(Encoding.UTF8.GetBytes(text), out double actual));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
        Assert.True(default(FloatingParser<float>).TryParse(Encoding.UTF8.GetBytes(text), out float single));
        Assert.Equal((float)expected, single);
    }

    [Theory]
    [InlineData("2147483647", true)]
    [InlineData("-2147483648", true)]
    [InlineData("+5", true)]
    [InlineData("2147483648", false)]
    [InlineData("1.0", false)]
    [InlineData("1e3", false)]
    [InlineData("", false)]
    [InlineData("12 ", false)]
    public void IntegerParser_Int32_AcceptsJavasIntegerSyntaxOnly(string text, bool valid) =>
        Assert.Equal(valid, default(IntegerParser<int>).TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("127", true)]
    [InlineData("128", false)]
    [InlineData("-32768", false)]
    public void IntegerParser_Byte_ChecksRange(string text, bool valid) =>
        Assert.Equal(valid, default(IntegerParser<sbyte>).TryParse(Encoding.UTF8.GetBytes(text), out _));

    [Theory]
    [InlineData("true", true, true)]
    [InlineData("FALSE", true, false)]
    [InlineData("yes", false, false)]
    [InlineData("1", false, false)]
    public void BooleanParser_TrueOrFalseIgnoringCase(string text, bool valid, bool value)
    {
        Assert.Equal(valid, default(BooleanParser).TryParse(Encoding.UTF8.GetBytes(text), out bool parsed));
        Assert.Equal(value, parsed);
    }

    private static string RandomNumberText(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append(random.Next(2) == 0 ? '-' : '+');
        }
        int integerDigits = random.Next(0, 12);
        for (int d = 0; d < integerDigits; d++)
        {
            text.Append((char)('0' + random.Next(10)));
        }
        int fractionDigits = random.Next(integerDigits == 0 ? 1 : 0, 18);
        if (fractionDigits > 0 || random.Next(3) == 0)
        {
            text.Append('.');
            for (int d = 0; d < fractionDigits; d++)
            {
                text.Append((char)('0' + random.Next(10)));
            }
        }
        if (integerDigits + fractionDigits == 0)
        {
            text.Append('0');
        }
        if (random.Next(5) == 0)
        {
            text.Append(random.Next(2) == 0 ? 'e' : 'E').Append(random.Next(-30, 30));
        }
        return text.ToString();
    }
}
