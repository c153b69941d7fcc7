using Apache.Arrow;
using Rdd.Sql.Types;

namespace Rdd.Sql.Tests.IO;

/// <summary>Record batches as rows of .NET values (the API's mapping: DateOnly, DateTime, byte[] ...), for assertions.</summary>
internal static class BatchRows
{
    public static List<object?[]> Collect(IEnumerable<RecordBatch> batches)
    {
        var rows = new List<object?[]>();
        foreach (var batch in batches)
        {
            for (int r = 0; r < batch.Length; r++)
            {
                var row = new object?[batch.ColumnCount];
                for (int c = 0; c < row.Length; c++)
                {
                    row[c] = Value(batch.Columns[c], r);
                }
                rows.Add(row);
            }
        }
        return rows;
    }

    public static object? Value(ArrowArray array, int index) => array switch
    {
        _ when array.IsNull(index) => null,
        StringArray strings => strings.GetString(index),
        BinaryArray binary => binary.GetBytes(index).ToArray(),
        BooleanArray booleans => booleans.GetValue(index),
        Date32Array dates => ArrowTemporal.ToDate(dates.Values[index]),
        TimestampArray timestamps => ArrowTemporal.ToDateTime(timestamps.Values[index], (Apache.Arrow.Types.TimestampType)timestamps.Data.DataType),
        PrimitiveArray<sbyte> a => a.GetValue(index),
        PrimitiveArray<short> a => a.GetValue(index),
        PrimitiveArray<int> a => a.GetValue(index),
        PrimitiveArray<long> a => a.GetValue(index),
        PrimitiveArray<float> a => a.GetValue(index),
        PrimitiveArray<double> a => a.GetValue(index),
        _ => throw new NotSupportedException(array.Data.DataType.ToString()),
    };

    /// <summary>Rows as one line each (<c>a|b|null</c>), for compact equality checks with readable diffs.</summary>
    public static string[] Lines(IEnumerable<object?[]> rows) =>
        [.. rows.Select(r => string.Join("|", r.Select(Format)))];

    private static string Format(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) + (t.Kind == DateTimeKind.Utc ? "Z" : ""),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
