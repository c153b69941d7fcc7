namespace Rdd.Sql.IO.Csv;

/// <summary>The structural characters of <see cref="CsvOptions"/> as bytes (all ASCII, checked by <see cref="CsvOptions.Validate"/>).</summary>
internal readonly record struct CsvSyntax(byte Delimiter, byte Quote, byte Escape)
{
    public static CsvSyntax From(CsvOptions options) => new((byte)options.Delimiter, (byte)options.Quote, (byte)options.Escape);
}
