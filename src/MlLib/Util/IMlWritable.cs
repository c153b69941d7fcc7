namespace Rdd.MlLib;

/// <summary>A stage that can be saved to a folder and loaded back (Spark's <c>MLWritable</c>; loading is the class's static <c>Load</c>).</summary>
public interface IMlWritable
{
    /// <summary>A writer, for <c>Write.Overwrite().Save(path)</c>.</summary>
    MlWriter Write { get; }

    /// <summary>Saves into the folder <paramref name="path"/>, which must not exist.</summary>
    /// <exception cref="IOException">Something exists at <paramref name="path"/>.</exception>
    void Save(string path);

    /// <summary>Writes the stage's metadata and data into <paramref name="directory"/> (a fresh folder).</summary>
    internal void SaveTo(string directory);
}

/// <summary>
/// Saves a stage (Spark's <c>MLWriter</c>): into a temporary folder beside the target, renamed into place only when
/// everything is written, so a failed save leaves nothing that looks like a model and an overwrite keeps the old
/// model until the new one is complete.
/// </summary>
public sealed class MlWriter
{
    private readonly IMlWritable _stage;
    private bool _overwrite;

    internal MlWriter(IMlWritable stage) => _stage = stage;

    /// <summary>Replace whatever is at the path (once the new model is written); returns this writer.</summary>
    public MlWriter Overwrite()
    {
        _overwrite = true;
        return this;
    }

    /// <summary>Saves into the folder <paramref name="path"/>.</summary>
    /// <exception cref="IOException">Something exists at <paramref name="path"/> and <see cref="Overwrite"/> was not called.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ModelPersistence.SaveAtomically(Path.GetFullPath(path), _overwrite, _stage.SaveTo);
    }
}
