using System.Globalization;

namespace Rdd.Core.IO;

/// <summary>
/// Makes a job's output appear all at once or not at all, as Hadoop's FileOutputCommitter (algorithm 1)
/// does for Spark's saveAsTextFile. Each task attempt writes into a private folder under
/// <c>&lt;output&gt;/_temporary/&lt;job&gt;/</c>; committing a task renames its file to the job's staging folder,
/// so a failed or duplicate attempt never leaves a part file; committing the job renames the part files
/// into the output folder, removes <c>_temporary</c> and writes <c>_SUCCESS</c> last, so a reader that sees
/// <c>_SUCCESS</c> sees every part. Aborting deletes the output folder, which this committer always created.
/// <para>Tasks of different partitions may commit concurrently; the first attempt of a partition to commit wins.</para>
/// </summary>
internal sealed class AtomicOutputCommitter
{
    public const string TemporaryFolderName = "_temporary";
    public const string SuccessFileName = "_SUCCESS";

    private readonly object _gate = new();
    private readonly Dictionary<int, int> _committedAttempts = [];
    private State _state = State.Active;

    private AtomicOutputCommitter(string outputPath, string jobId, string fileExtension)
    {
        OutputPath = outputPath;
        JobId = jobId;
        FileExtension = fileExtension;
        JobTemporaryPath = Path.Combine(outputPath, TemporaryFolderName, jobId);
    }

    private enum State { Active, Committing, Committed, Aborted }

    /// <summary>The absolute output folder.</summary>
    public string OutputPath { get; }

    public string JobId { get; }

    /// <summary>The suffix of every part file name (<c>.snappy.parquet</c>), or empty.</summary>
    public string FileExtension { get; }

    /// <summary><c>&lt;output&gt;/_temporary/&lt;job&gt;</c>: committed task files wait here for the job commit.</summary>
    public string JobTemporaryPath { get; }

    /// <summary>
    /// Creates the output folder and its staging area. An existing file or folder at
    /// <paramref name="outputPath"/> is refused with an <see cref="IOException"/>, as Spark refuses it, so a job
    /// never mixes its parts with older ones and aborting never deletes data it did not write.
    /// </summary>
    /// <param name="outputPath">The output folder, which must not exist.</param>
    /// <param name="jobId">Names the job's staging folder.</param>
    /// <param name="fileExtension">Appended to every part file name, as Spark's formats do (<c>part-00000.snappy.parquet</c>): empty, or starting with a dot.</param>
    public static AtomicOutputCommitter Setup(string outputPath, string jobId = "0", string fileExtension = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentNullException.ThrowIfNull(fileExtension);
        if (fileExtension.Length > 0 && (fileExtension[0] != '.' || fileExtension.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0))
            throw new ArgumentException($"File extension '{fileExtension}' must start with a dot and be valid in a file name.", nameof(fileExtension));
        if (jobId.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || jobId is "." or "..")
            throw new ArgumentException($"Job id '{jobId}' is not a valid folder name.", nameof(jobId));
        string full = Path.GetFullPath(outputPath);
        if (Path.Exists(full)) throw new IOException($"Output path {outputPath} already exists");
        var committer = new AtomicOutputCommitter(full, jobId, fileExtension);
        Directory.CreateDirectory(committer.JobTemporaryPath);
        return committer;
    }

    /// <summary>Spark's part file name: <c>part-00000</c>, five digits at least.</summary>
    public static string PartFileName(int partition) =>
        string.Create(CultureInfo.InvariantCulture, $"part-{partition:D5}");

    private string PartName(int partition) => PartFileName(partition) + FileExtension;

    /// <summary>
    /// The file a task attempt writes its partition to, in a folder private to the attempt (created here),
    /// so a retried or speculative attempt of the same partition never touches another's file.
    /// </summary>
    public string TaskTempFile(int partition, int attempt)
    {
        string folder = AttemptPath(partition, attempt);
        lock (_gate) ThrowUnlessActive();
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, PartName(partition));
    }

    /// <summary>
    /// Publishes the attempt's file as the partition's output within the job (an atomic rename). Returns
    /// false, discarding the attempt's output, when another attempt of the partition committed first.
    /// </summary>
    public bool CommitTask(int partition, int attempt)
    {
        string attemptFolder = AttemptPath(partition, attempt);
        bool first;
        lock (_gate)
        {
            ThrowUnlessActive();
            first = _committedAttempts.TryAdd(partition, attempt);
        }
        if (!first)
        {
            DeleteFolder(attemptFolder);
            return false;
        }
        try
        {
            string name = PartName(partition);
            File.Move(Path.Combine(attemptFolder, name), Path.Combine(JobTemporaryPath, name), overwrite: false);
        }
        catch
        {
            // The partition stays open for another attempt.
            lock (_gate) _committedAttempts.Remove(partition);
            throw;
        }
        DeleteFolder(attemptFolder);
        return true;
    }

    /// <summary>Discards whatever the attempt wrote; harmless if it wrote nothing.</summary>
    public void AbortTask(int partition, int attempt) => DeleteFolder(AttemptPath(partition, attempt));

    /// <summary>
    /// Moves the committed part files into the output folder, deletes <c>_temporary</c>, then writes the
    /// empty <c>_SUCCESS</c> marker. If this throws, the job has not committed and <see cref="AbortJob"/>
    /// still cleans up.
    /// </summary>
    public void CommitJob()
    {
        int[] partitions;
        lock (_gate)
        {
            ThrowUnlessActive();
            _state = State.Committing;
            partitions = [.. _committedAttempts.Keys];
        }
        Array.Sort(partitions);
        foreach (int partition in partitions)
        {
            string name = PartName(partition);
            File.Move(Path.Combine(JobTemporaryPath, name), Path.Combine(OutputPath, name), overwrite: false);
        }
        Directory.Delete(Path.Combine(OutputPath, TemporaryFolderName), recursive: true);
        File.WriteAllBytes(Path.Combine(OutputPath, SuccessFileName), []);
        lock (_gate) _state = State.Committed;
    }

    /// <summary>
    /// Deletes the output folder with everything in it, unless the job already committed (then it does
    /// nothing, so callers may abort in any failure path). Best effort: it runs while another error is being
    /// reported, so it returns false instead of throwing when the folder cannot be removed.
    /// </summary>
    public bool AbortJob()
    {
        lock (_gate)
        {
            if (_state == State.Committed) return false;
            _state = State.Aborted;
        }
        try
        {
            Directory.Delete(OutputPath, recursive: true);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string AttemptPath(int partition, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        return Path.Combine(JobTemporaryPath, string.Create(CultureInfo.InvariantCulture, $"_attempt_{partition}_{attempt}"));
    }

    private void ThrowUnlessActive()
    {
        if (_state != State.Active)
            throw new InvalidOperationException($"The output job for {OutputPath} is {_state.ToString().ToLowerInvariant()}.");
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
