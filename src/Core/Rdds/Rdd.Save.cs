using Rdd.Core.IO;

namespace Rdd.Core;

public abstract partial class Rdd<T>
{
    /// <summary>
    /// Writes the elements as lines of text (invariant culture), one <c>part-NNNNN</c> file per partition and a
    /// <c>_SUCCESS</c> marker, committed atomically: a failed job leaves no output. An existing path is refused
    /// with an <see cref="IOException"/>.
    /// </summary>
    public void SaveAsTextFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectFileWriter.SaveText(this, path);
    }

    /// <summary>
    /// Writes the elements in the MessagePack format (one value after another), one part file per partition,
    /// committed like <see cref="SaveAsTextFile"/>. Read it back with <see cref="RddContext.ObjectFile{T}"/>.
    /// </summary>
    public void SaveAsObjectFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectFileWriter.Save(this, path, nameof(SaveAsObjectFile));
    }
}
