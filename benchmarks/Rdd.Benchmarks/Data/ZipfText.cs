using System.Text;

namespace Rdd.Benchmarks.Data;

/// <summary>
/// Deterministic English-like text: words drawn from a fixed vocabulary with Zipf's law (s = 1), as in
/// natural language, so that a word count has a long tail and a few very frequent keys. The text is
/// generated in independent blocks of about <see cref="BlockBytes"/> (block b seeded from (seed, b)), so
/// it is produced in parallel and is byte-for-byte the same for a given size and seed on every machine.
/// Lines hold 6 to 16 words separated by single spaces (splitting on ' ' yields no empty words).
/// </summary>
internal sealed class ZipfText
{
    public const ulong DefaultSeed = 20_240_521;
    public const int DefaultVocabularySize = 20_000;
    public const int BlockBytes = 1 << 20;

    // The most frequent words of English, in order, so the top of the count reads naturally.
    private static readonly string[] s_common =
    [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
        "not", "he", "i", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had", "they",
        "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more", "when",
        "will", "would", "who", "so", "no", "she", "other", "its", "may", "these", "what", "them", "than", "some",
        "him", "time", "into", "only", "do", "could", "new", "about", "two", "then", "first", "also", "after",
        "any", "like", "should", "out", "my", "made", "over", "our", "such", "very", "must", "through", "where",
        "years", "most", "before", "good", "great", "well", "between", "people", "many", "those", "each",
        "little", "being", "under", "world", "might", "state", "same", "never", "part", "work", "life",
    ];

    private static readonly string[] s_syllables =
    [
        "ka", "ri", "to", "ne", "sa", "lo", "mi", "du", "ve", "ar", "en", "is", "or", "an", "el", "un", "ta",
        "po", "li", "ge", "ba", "ro", "che", "ston", "ing", "er", "al", "ment", "ly", "qu", "th", "ver",
    ];

    private readonly double[] _cumulative;

    public ZipfText(int vocabularySize = DefaultVocabularySize, ulong seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularySize, s_common.Length);
        Seed = seed;
        Vocabulary = BuildVocabulary(vocabularySize, seed);
        _cumulative = new double[vocabularySize];
        double sum = 0;
        for (int k = 0; k < vocabularySize; k++) _cumulative[k] = sum += 1.0 / (k + 1);
        for (int k = 0; k < vocabularySize; k++) _cumulative[k] /= sum;
        _cumulative[^1] = 1.0;
    }

    public ulong Seed { get; }

    /// <summary>The distinct words, most frequent first.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>
    /// At least <paramref name="targetBytes"/> of text (ASCII: bytes = chars, plus one newline per line), as lines.
    /// <paramref name="wordCounts"/> receives how often each vocabulary word was drawn (to verify a count).
    /// </summary>
    public string[] GenerateLines(long targetBytes, out long[] wordCounts)
    {
        int blocks = (int)Math.Max(1, (targetBytes + BlockBytes - 1) / BlockBytes);
        var perBlock = new string[blocks][];
        var counts = new long[blocks][];
        Parallel.For(0, blocks, b => (perBlock[b], counts[b]) = GenerateBlock(b));
        wordCounts = new long[Vocabulary.Count];
        foreach (var c in counts)
            for (int k = 0; k < c.Length; k++) wordCounts[k] += c[k];
        return perBlock.SelectMany(lines => lines).ToArray();
    }

    /// <summary>Writes <paramref name="lines"/> into <paramref name="files"/> files (part-00000.txt …) of about equal size.</summary>
    public static IReadOnlyList<string> WriteFiles(string directory, string[] lines, int files)
    {
        Directory.CreateDirectory(directory);
        var paths = new string[files];
        Parallel.For(0, files, f =>
        {
            int start = (int)((long)f * lines.Length / files);
            int end = (int)((long)(f + 1) * lines.Length / files);
            paths[f] = Path.Combine(directory, $"part-{f:D5}.txt");
            using var writer = new StreamWriter(paths[f], append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
            for (int i = start; i < end; i++)
            {
                writer.Write(lines[i]);
                writer.Write('\n');
            }
        });
        return paths;
    }

    private (string[] Lines, long[] Counts) GenerateBlock(int block)
    {
        var random = new SplitMix64(SplitMix64.Derive(Seed, block));
        var counts = new long[Vocabulary.Count];
        var lines = new List<string>(BlockBytes / 64);
        var line = new StringBuilder(160);
        long bytes = 0;
        while (bytes < BlockBytes)
        {
            line.Clear();
            int words = 6 + random.NextInt(11);
            for (int w = 0; w < words; w++)
            {
                int k = Draw(ref random);
                counts[k]++;
                if (w > 0) line.Append(' ');
                line.Append(Vocabulary[k]);
            }
            bytes += line.Length + 1;
            lines.Add(line.ToString());
        }
        return (lines.ToArray(), counts);
    }

    private int Draw(ref SplitMix64 random)
    {
        int k = Array.BinarySearch(_cumulative, random.NextDouble());
        return k < 0 ? Math.Min(~k, _cumulative.Length - 1) : k;
    }

    private static string[] BuildVocabulary(int size, ulong seed)
    {
        var words = new List<string>(size);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in s_common)
            if (seen.Add(w)) words.Add(w);
        var random = new SplitMix64(seed);
        var sb = new StringBuilder();
        while (words.Count < size)
        {
            sb.Clear();
            int syllables = 2 + random.NextInt(3);
            for (int s = 0; s < syllables; s++) sb.Append(s_syllables[random.NextInt(s_syllables.Length)]);
            var word = sb.ToString();
            if (seen.Add(word)) words.Add(word);
        }
        return words.ToArray();
    }
}
