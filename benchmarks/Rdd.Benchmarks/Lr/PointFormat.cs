using System.Globalization;
using System.Text;

namespace Rdd.Benchmarks.Lr;

internal enum PointFileKind
{
    /// <summary>A header line naming the columns, one of them <c>label</c>; every other column a feature.</summary>
    Csv,

    /// <summary>LIBSVM: <c>label index:value …</c> with 1-based, increasing indices; absent features are 0.</summary>
    LibSvm,
}

/// <summary>A line of an input file that is not a point, with the place to look.</summary>
internal sealed class PointFileException(string path, long line, int column, string message)
    : Exception($"Input file '{path}' (--input), line {line}, column {column}: {message}")
{
    public long Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>
/// How the lines of a points file become <see cref="DataPoint"/>s. <see cref="Parse"/> is the user's parse
/// function: SparkLR's program uses it in both execution modes and the floors call the very same method.
/// It trusts its input, as a user's would: <see cref="Inspect"/> has checked every line of a user's file first
/// (naming the line and column of the first bad one), and the generated file is written by this program.
/// </summary>
internal sealed class PointFormat
{
    private PointFormat(PointFileKind kind, string? header, int labelColumn, int features)
    {
        Kind = kind;
        Header = header;
        LabelColumn = labelColumn;
        Features = features;
    }

    public PointFileKind Kind { get; }

    /// <summary>The first line exactly as the text readers return it (a CSV header); null for LIBSVM.</summary>
    public string? Header { get; }

    /// <summary>The 0-based column of the label in a CSV line.</summary>
    public int LabelColumn { get; }

    public int Features { get; }

    /// <summary>The format of the file <see cref="Data.SparkLrData"/> writes: <c>label,x0,…</c>.</summary>
    public static PointFormat Generated(int features) =>
        new(PointFileKind.Csv, "label," + string.Join(',', Enumerable.Range(0, features).Select(j => $"x{j}")), 0, features);

    /// <summary>The filter of SparkLR's program: drops the header line (and empty lines).</summary>
    public bool IsPoint(string line) => line.Length > 0 && line != Header;

    /// <summary>One point; the label (0/1 or -1/+1) becomes SparkLR's y = ±1.</summary>
    public DataPoint Parse(string line)
    {
        var x = new double[Features];
        double label;
        if (Kind == PointFileKind.Csv)
        {
            var fields = line.Split(',');
            label = double.Parse(fields[LabelColumn], CultureInfo.InvariantCulture);
            int j = 0;
            for (int c = 0; c < fields.Length; c++)
                if (c != LabelColumn) x[j++] = double.Parse(fields[c], CultureInfo.InvariantCulture);
        }
        else
        {
            var tokens = line.Split(LibSvmSeparators, StringSplitOptions.RemoveEmptyEntries);
            label = double.Parse(tokens[0], CultureInfo.InvariantCulture);
            for (int k = 1; k < tokens.Length; k++)
            {
                var token = tokens[k].AsSpan();
                int colon = token.IndexOf(':');
                x[int.Parse(token[..colon], CultureInfo.InvariantCulture) - 1] = double.Parse(token[(colon + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return new DataPoint(new DenseVector(x), label > 0 ? 1 : -1);
    }

    private static readonly char[] LibSvmSeparators = [' ', '\t'];

    /// <summary>At most this many features: the points are dense vectors.</summary>
    public const int MaxFeatures = 100_000;

    /// <summary>
    /// Reads the whole of a user's file once, checking every line, and returns its format and number of points.
    /// A CSV file is recognised by a header with a <c>label</c> column; otherwise the file must be LIBSVM. Throws
    /// <see cref="PointFileException"/> naming the file, line and column of the first line that is not a point.
    /// </summary>
    public static (PointFormat Format, long Points) Inspect(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"Option '--input': file '{path}' does not exist.");
        // No BOM detection: lines are compared as the engine's text reader decodes them (a BOM stays a character).
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, 1 << 16);
        string? first = reader.ReadLine();
        if (first is null) throw new PointFileException(path, 1, 1, "the file is empty.");
        var names = first.TrimStart('\uFEFF').Split(',').Select(n => n.Trim()).ToArray();
        int labelColumn = Array.FindIndex(names, n => n.Equals("label", StringComparison.OrdinalIgnoreCase));
        if (labelColumn >= 0) return InspectCsv(path, reader, first, names, labelColumn);
        if (first.Contains(',', StringComparison.Ordinal))
            throw new PointFileException(path, 1, 1, $"a CSV file needs a header with a 'label' column; the first line is '{Shorten(first)}'.");
        return InspectLibSvm(path, reader, first);
    }

    private static (PointFormat, long) InspectCsv(string path, StreamReader reader, string header, string[] names, int labelColumn)
    {
        if (names.Length < 2) throw new PointFileException(path, 1, 1, "the header has a 'label' column but no feature column.");
        var labels = new LabelCheck(path);
        long points = 0;
        long lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            int column = 1;
            int field = 0;
            foreach (var range in line.AsSpan().Split(','))
            {
                var text = line.AsSpan(range);
                if (field >= names.Length)
                    throw new PointFileException(path, lineNumber, column, $"more fields than the {names.Length} columns of the header.");
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw new PointFileException(path, lineNumber, column, $"field '{names[field]}' is '{Shorten(text.ToString())}', not a finite number.");
                if (field == labelColumn) labels.Check(value, lineNumber, column);
                column += text.Length + 1;
                field++;
            }
            if (field < names.Length)
                throw new PointFileException(path, lineNumber, line.Length + 1, $"{field} fields, but the header has {names.Length} columns.");
            points++;
        }
        if (points == 0) throw new PointFileException(path, lineNumber, 1, "the file has a header but no points.");
        return (new PointFormat(PointFileKind.Csv, header, labelColumn, names.Length - 1), points);
    }

    private static (PointFormat, long) InspectLibSvm(string path, StreamReader reader, string first)
    {
        var labels = new LabelCheck(path);
        long points = 0;
        long lineNumber = 0;
        int features = 0;
        for (string? line = first; line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0) continue;
            int column = 0;
            int previousIndex = 0;
            bool sawLabel = false;
            while (true)
            {
                while (column < line.Length && line[column] is ' ' or '\t') column++;
                if (column == line.Length) break;
                int end = line.AsSpan(column).IndexOfAny(' ', '\t');
                end = end < 0 ? line.Length : column + end;
                var token = line.AsSpan(column, end - column);
                if (!sawLabel)
                {
                    if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double label) || !double.IsFinite(label))
                        throw new PointFileException(path, lineNumber, column + 1, $"the label is '{Shorten(token.ToString())}', not a number (LIBSVM lines are 'label index:value …'; a CSV file needs a header with a 'label' column).");
                    labels.Check(label, lineNumber, column + 1);
                    sawLabel = true;
                }
                else
                {
                    int colon = token.IndexOf(':');
                    if (colon < 0)
                        throw new PointFileException(path, lineNumber, column + 1, $"'{Shorten(token.ToString())}' is not 'index:value'.");
                    if (!int.TryParse(token[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index < 1)
                        throw new PointFileException(path, lineNumber, column + 1, $"the index '{token[..colon]}' is not a positive integer (LIBSVM indices start at 1).");
                    if (index <= previousIndex)
                        throw new PointFileException(path, lineNumber, column + 1, $"index {index} does not follow {previousIndex}: LIBSVM indices must increase.");
                    if (index > MaxFeatures)
                        throw new PointFileException(path, lineNumber, column + 1, $"index {index} is beyond {MaxFeatures:N0} features (this benchmark's points are dense vectors).");
                    if (!double.TryParse(token[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                        throw new PointFileException(path, lineNumber, column + colon + 2, $"the value '{Shorten(token[(colon + 1)..].ToString())}' of index {index} is not a finite number.");
                    previousIndex = index;
                    features = Math.Max(features, index);
                }
                column = end;
            }
            if (!sawLabel) throw new PointFileException(path, lineNumber, 1, "a line of blanks: LIBSVM lines are 'label index:value …'.");
            points++;
        }
        if (points == 0) throw new PointFileException(path, lineNumber, 1, "the file has no points.");
        if (features == 0) throw new PointFileException(path, 1, 1, "no line has a feature (LIBSVM lines are 'label index:value …').");
        return (new PointFormat(PointFileKind.LibSvm, null, 0, features), points);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>Labels must be 0/1 or -1/+1, one coding throughout the file.</summary>
    private sealed class LabelCheck(string path)
    {
        private (double Label, long Line)? _zero;
        private (double Label, long Line)? _minusOne;

        public void Check(double label, long line, int column)
        {
            if (label is not (0 or 1 or -1))
                throw new PointFileException(path, line, column, $"the label is {label.ToString(CultureInfo.InvariantCulture)}; labels must be 0/1 or -1/+1.");
            if (label == 0) _zero ??= (label, line);
            if (label == -1) _minusOne ??= (label, line);
            if (_zero is { } z && _minusOne is { } m)
                throw new PointFileException(path, line, column, $"label 0 (line {z.Line}) and label -1 (line {m.Line}) in one file: labels must be 0/1 or -1/+1, not both.");
        }
    }
}
