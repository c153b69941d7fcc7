using System.Text.RegularExpressions;
using static Rdd.Sql.Functions;
using static Rdd.Sql.Tests.Expressions.TestBatches;

namespace Rdd.Sql.Tests.Expressions;

public class StringFunctionTests
{
    private static readonly string?[] s_words = ["apple", "Banana", "", null, "naïve café", "a_b%c", "aaa", "日本語テキスト", "x"];

    /// <summary>An independent LIKE: the pattern translated to an anchored regular expression.</summary>
    private static bool RegexLike(string text, string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }
        return Regex.IsMatch(text, regex.Append('$').ToString(), RegexOptions.Singleline);
    }

    [Theory]
    [InlineData("a%")]
    [InlineData("%a")]
    [InlineData("%an%")]
    [InlineData("_")]
    [InlineData("")]
    [InlineData("%")]
    [InlineData("a_b\\%c")]
    [InlineData("a\\_b%")]
    [InlineData("%é")]
    [InlineData("na_ve%")]
    [InlineData("日_語%")]
    [InlineData("a%a%a")]
    [InlineData("%a%a%a%a")]
    [InlineData("B%a")]
    public void Like_MatchesRegexTranslation(string pattern)
    {
        var batch = Make(("w", Strings(s_words)));
        var expected = s_words.Select(w => w is null ? null : (object)RegexLike(w, pattern)).ToArray();
        Assert.Equal(expected, Evaluate(Col("w").Like(pattern), batch));
    }

    [Fact]
    public void UpperLowerLengthTrim()
    {
        string?[] values = ["Hello", null, "  padded  ", "ÉCOLE straße", "", "日本"];
        var batch = Make(("s", Strings(values)));
        Assert.Equal(values.Select(v => (object?)v?.ToUpperInvariant()).ToArray(), Evaluate(Upper(Col("s")), batch));
        Assert.Equal(values.Select(v => (object?)v?.ToLowerInvariant()).ToArray(), Evaluate(Lower(Col("s")), batch));
        Assert.Equal(values.Select(v => (object?)v?.Trim(' ')).ToArray(), Evaluate(Trim(Col("s")), batch));
        Assert.Equal(values.Select(v => v is null ? null : (object)v.EnumerateRunes().Count()).ToArray(), Evaluate(Length(Col("s")), batch));
        Assert.Equal("upper(s)", Upper(Col("s")).ToString());
    }

    [Fact]
    public void Concat_NullWhenAnyNull_AndCastsNumbers()
    {
        var batch = Make(("a", Strings("x", null, "z")), ("n", Ints(1, 2, null)));
        Assert.Equal(new object?[] { "x1", null, null }, Evaluate(Concat(Col("a"), Col("n")), batch));
        Assert.Equal(new object?[] { "x-x", null, "z-z" }, Evaluate(Concat(Col("a"), Lit("-"), Col("a")), batch));
    }

    [Theory]
    [InlineData("Spark SQL", 1, 5, "Spark")]
    [InlineData("Spark SQL", 0, 5, "Spark")]
    [InlineData("Spark SQL", 7, 100, "SQL")]
    [InlineData("Spark SQL", -3, 2, "SQ")]
    [InlineData("Spark SQL", -100, 3, "")]
    [InlineData("Spark SQL", -10, 3, "Sp")]
    [InlineData("Spark SQL", 5, 0, "")]
    [InlineData("Spark SQL", 5, -1, "")]
    [InlineData("Spark SQL", 20, 2, "")]
    [InlineData("héllo wörld", 2, 4, "éllo")]
    [InlineData("日本語", -2, 2, "本語")]
    [InlineData("", 1, 1, "")]
    public void Substring_SparkSemantics(string text, int position, int length, string expected)
    {
        var batch = Make(("s", Strings(text, null)));
        Assert.Equal(new object?[] { expected, null }, Evaluate(Substring(Col("s"), position, length), batch));
    }
}
