namespace Rdd.Core.IO;

/// <summary>
/// Turns the path given to <c>TextFile</c> or <c>WholeTextFiles</c> into the list of input files, as Hadoop's
/// FileInputFormat does: a file is itself, a folder stands for the files directly inside it, and a pattern
/// with <c>*</c> or <c>?</c> (in any segment) stands for what it matches, a matched folder again standing for
/// its files. Names starting with <c>_</c> or <c>.</c> (<c>_SUCCESS</c>, <c>_temporary</c>, <c>.crc</c>
/// files) are skipped wherever a folder is listed or a wildcard matched, but a path that names such a file
/// literally is read. The result is sorted ordinally so partition order is the same on every run.
/// </summary>
internal static class PathGlob
{
    private static readonly char[] s_separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    // Hidden entries must be visible to the enumeration: .NET skips dot-files on Unix by default, and an
    // explicit pattern such as ".cache*" has to see them. The hidden-name rule is applied by hand instead.
    private static readonly EnumerationOptions s_listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        RecurseSubdirectories = false,
        MatchType = MatchType.Simple,
        MatchCasing = MatchCasing.PlatformDefault,
    };

    /// <summary>
    /// The input files for <paramref name="path"/>: absolute, sorted ordinally, never containing folders.
    /// A folder without visible files gives an empty list; a missing path, or a pattern that matches
    /// nothing, throws <see cref="FileNotFoundException"/> naming the path.
    /// </summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        int literalPrefix = LiteralPrefixLength(path, full);

        if (!HasWildcard(full.AsSpan(literalPrefix)))
        {
            if (File.Exists(full)) return [full];
            if (Directory.Exists(full)) return Sorted(VisibleFiles(full, []));
            throw new FileNotFoundException(Describe("Input path does not exist: ", path, full), path);
        }

        var matches = Match(full, literalPrefix);
        if (matches.Count == 0)
            throw new FileNotFoundException(Describe("Input pattern matches 0 files: ", path, full), path);

        var files = new List<string>();
        foreach (string match in matches)
        {
            if (Directory.Exists(match)) VisibleFiles(match, files);
            else files.Add(match);
        }
        return Sorted(files);
    }

    /// <summary>
    /// What <paramref name="path"/> names before any folder is listed, absolute: the path itself when it has no
    /// wildcard (empty when it does not exist), else the files and folders the pattern matches (hidden names
    /// skipped as in <see cref="Expand"/>). A writer compares its target with these to know what a read touches.
    /// </summary>
    public static IReadOnlyList<string> Roots(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        int literalPrefix = LiteralPrefixLength(path, full);
        if (!HasWildcard(full.AsSpan(literalPrefix))) return Path.Exists(full) ? [full] : [];
        return Match(full, literalPrefix);
    }

    /// <summary>
    /// The absolute folder every match of <paramref name="path"/> lies in: the path up to its first segment
    /// with a wildcard (the whole path when it has none). Whatever the pattern can ever match is under it.
    /// </summary>
    public static string LiteralBase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        int literalPrefix = LiteralPrefixLength(path, full);
        int wildcard = full.AsSpan(literalPrefix).IndexOfAny('*', '?');
        if (wildcard < 0) return full;
        int separator = full.AsSpan(0, literalPrefix + wildcard).LastIndexOfAny(s_separators);
        string folder = full[..(separator + 1)];
        return folder.Length > (Path.GetPathRoot(full)?.Length ?? 0) ? Path.TrimEndingDirectorySeparator(folder) : folder;
    }

    /// <summary>True for names Hadoop's hiddenFileFilter rejects.</summary>
    public static bool IsHidden(ReadOnlySpan<char> name) => name.Length > 0 && (name[0] == '_' || name[0] == '.');

    private static bool HasWildcard(ReadOnlySpan<char> text) => text.IndexOfAny('*', '?') >= 0;

    /// <summary>
    /// How many leading characters of <paramref name="full"/> came from the current directory rather than
    /// from the user: a working directory whose name happens to contain '*' or '?' must not be globbed.
    /// </summary>
    private static int LiteralPrefixLength(string path, string full)
    {
        if (Path.IsPathRooted(path)) return 0;
        string cwd = Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory());
        return full.Length > cwd.Length && full.StartsWith(cwd, StringComparison.Ordinal) &&
               Array.IndexOf(s_separators, full[cwd.Length]) >= 0
            ? cwd.Length
            : 0;
    }

    /// <summary>
    /// Walks the pattern one segment at a time from the root, keeping the set of entries matched so far:
    /// folders for inner segments, files or folders for the last one.
    /// </summary>
    private static List<string> Match(string full, int literalPrefix)
    {
        string root = Path.GetPathRoot(full) ?? string.Empty;
        List<string> current = [root];
        int offset = root.Length;
        string[] segments = full[root.Length..].Split(s_separators, StringSplitOptions.RemoveEmptyEntries);

        for (int i = 0; i < segments.Length && current.Count > 0; i++)
        {
            string segment = segments[i];
            offset = full.IndexOf(segment, offset, StringComparison.Ordinal) + segment.Length;
            bool last = i == segments.Length - 1;
            bool literal = offset <= literalPrefix || !HasWildcard(segment);
            // As in a shell, a pattern that itself starts with '.' or '_' asks for hidden names.
            bool keepHidden = IsHidden(segment);
            var next = new List<string>();

            foreach (string folder in current)
            {
                if (literal)
                {
                    string candidate = Path.Join(folder, segment);
                    if (last ? Path.Exists(candidate) : Directory.Exists(candidate)) next.Add(candidate);
                    continue;
                }
                if (!Directory.Exists(folder)) continue;
                var entries = last
                    ? Directory.EnumerateFileSystemEntries(folder, segment, s_listing)
                    : Directory.EnumerateDirectories(folder, segment, s_listing);
                foreach (string entry in entries)
                {
                    if (keepHidden || !IsHidden(Path.GetFileName(entry.AsSpan()))) next.Add(entry);
                }
            }
            current = next;
        }
        return current;
    }

    /// <summary>The visible files directly inside <paramref name="folder"/>; sub-folders are not descended into.</summary>
    private static List<string> VisibleFiles(string folder, List<string> into)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", s_listing))
        {
            if (!IsHidden(Path.GetFileName(file.AsSpan()))) into.Add(file);
        }
        return into;
    }

    private static List<string> Sorted(List<string> files)
    {
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string Describe(string what, string path, string full) =>
        string.Equals(path, full, StringComparison.Ordinal) ? what + path : $"{what}{path} (resolved to {full})";
}
