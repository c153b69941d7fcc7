using System.Text;
using Rdd.Sql.Execution.Kernels;

namespace Rdd.Sql.Tests.Execution;

/// <summary>
/// LIKE patterns made only of literal pieces and <c>%</c> take a search-based path; it must agree with the general
/// backtracking matcher (and with the meaning of LIKE) on every pattern and text.
/// </summary>
public sealed class LikeMatcherTests
{
    [Theory]
    [InlineData("%green%", "forest green lace", true)]
    [InlineData("%green%", "forest gree", false)]
    [InlineData("PROMO%", "PROMO BRUSHED TIN", true)]
    [InlineData("PROMO%", "SMALL PROMO", false)]
    [InlineData("%BRASS", "LARGE BRASS", true)]
    [InlineData("%BRASS", "BRASS LARGE", false)]
    [InlineData("%special%requests%", "the special, quick requests sleep", true)]
    [InlineData("%special%requests%", "requests that are special", false)]
    [InlineData("a%a", "a", false)]
    [InlineData("a%a", "aa", true)]
    [InlineData("ab%ba", "aba", false)]
    [InlineData("ab%ba", "abba", true)]
    [InlineData("%", "", true)]
    [InlineData("%%", "x", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abcd", false)]
    [InlineData("%é%", "café au lait", true)]
    [InlineData("caf_", "café", true)]
    [InlineData("50\\%%", "50% off", true)]
    [InlineData("50\\%%", "500 off", false)]
    public void IsMatch_KnownCases(string pattern, string text, bool expected)
    {
        var matcher = new LikeMatcher(pattern);
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Equal(expected, matcher.IsMatch(bytes));
        Assert.Equal(expected, matcher.MatchGeneral(bytes));
    }

    [Fact]
    public void IsMatch_RandomPatterns_AgreeWithGeneralMatcher()
    {
        var random = new Random(20261207);
        const string alphabet = "ab%";
        for (int trial = 0; trial < 20_000; trial++)
        {
            var pattern = new string([.. Enumerable.Range(0, random.Next(0, 7)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var text = new string([.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => "ab"[random.Next(2)])]);
            var matcher = new LikeMatcher(pattern);
            var bytes = Encoding.UTF8.GetBytes(text);
            Assert.True(matcher.MatchGeneral(bytes) == matcher.IsMatch(bytes), $"pattern '{pattern}', text '{text}'");
        }
    }
}
