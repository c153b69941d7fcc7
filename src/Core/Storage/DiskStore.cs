namespace Rdd.Core.Storage;

/// <summary>
/// Block files under <c>&lt;context LocalDir&gt;/blocks</c>, one per block, named by its id (<c>rdd_3_7</c>).
/// A block is written to a temporary file of its own and renamed into place by <see cref="Commit"/>, so a
/// reader sees a whole block or none. Files are read with delete sharing: evicting a block that a task is
/// reading does not fail the task. The caller (<see cref="BlockStore"/>) serializes commits and deletes.
/// </summary>
internal sealed class DiskStore(string directory)
{
    private const int BufferSize = 1 << 16;

    public string Directory { get; } = directory;

    public string PathOf(RddBlockId id) => Path.Combine(Directory, id.ToString());

    /// <summary>Writes a block to a new temporary file; returns its path and length. Nothing is left behind on failure.</summary>
    public (string TempPath, long Length) Write(RddBlockId id, Action<Stream> write)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var temp = Path.Combine(Directory, $"{id}.{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
            write(stream);
            return (temp, stream.Length);
        }
        catch
        {
            Discard(temp);
            throw;
        }
    }

    /// <summary>Moves a written block into place, replacing an older file of the same block.</summary>
    public void Commit(string tempPath, RddBlockId id) => File.Move(tempPath, PathOf(id), overwrite: true);

    /// <summary>
    /// Reads a block; null when its file is gone, unreadable or corrupt (the block is then recomputed). A value
    /// the codec cannot rebuild throws <see cref="NotSupportedException"/>.
    /// </summary>
    public T[]? TryRead<T>(RddBlockId id, BlockCodec<T> codec)
    {
        try
        {
            using var stream = new FileStream(PathOf(id), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize);
            return codec.Read(stream, stream.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            // FileNotFoundException and DirectoryNotFoundException are IOExceptions: deleted from outside.
            return null;
        }
    }

    public bool Exists(RddBlockId id) => File.Exists(PathOf(id));

    /// <summary>Deletes a block's file if it is there.</summary>
    public void Delete(RddBlockId id) => Discard(PathOf(id));

    public static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the file is scratch data under the context's LocalDir, removed with it on Dispose.
        }
    }
}
