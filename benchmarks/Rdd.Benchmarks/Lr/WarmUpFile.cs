namespace Rdd.Benchmarks.Lr;

/// <summary>The first points of a data file (its header and blank lines kept) copied to a temporary file, for warm-up runs.</summary>
internal static class WarmUpFile
{
    /// <summary>Writes the first <paramref name="points"/> points of <paramref name="path"/> to a temporary file named after <paramref name="tag"/>; returns its path (the caller deletes it).</summary>
    public static string Create(string path, PointFormat format, int points, string tag)
    {
        var warmPath = Path.Combine(Path.GetTempPath(), $"rdd-{tag}-warmup-{Environment.ProcessId}.csv");
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        using var writer = new StreamWriter(warmPath, append: false, new System.Text.UTF8Encoding(false));
        int taken = 0;
        string? line;
        while (taken < points && (line = reader.ReadLine()) is not null)
        {
            if (format.IsPoint(line)) taken++;
            writer.Write(line);
            writer.Write('\n');
        }
        return warmPath;
    }
}
