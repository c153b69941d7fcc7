using System.Text.RegularExpressions;
using Apache.Arrow;
using Rdd.Sql.Execution.Kernels;

namespace Rdd.Sql.Tests.Expressions;

public sealed class RegexKernelsTests
{
    [Fact]
    public void IsMatch_FindsAnywhere_KeepsNulls_DecodesUtf8_AndLongValues()
    {
        var longValue = new string('x', 1000) + "needle";
        var input = new StringArray.Builder().Append("abc123").AppendNull().Append("größe 7").Append("none").Append(longValue).Append("").Build();

        var result = RegexKernels.IsMatch(input, new Regex(@"\d+|ß|needle$", RegexOptions.CultureInvariant));

        Assert.Equal([true, null, true, false, true, false], Enumerable.Range(0, result.Length).Select(i => result.GetValue(i)));
    }

    [Fact]
    public void IsMatch_OnASlicedArray_ReadsTheSliceOnly()
    {
        var input = (StringArray)new StringArray.Builder().Append("a1").Append("b").Append("c2").Build().Slice(1, 2);

        var result = RegexKernels.IsMatch(input, new Regex("[0-9]"));

        Assert.Equal([false, true], Enumerable.Range(0, result.Length).Select(i => result.GetValue(i)));
    }
}
