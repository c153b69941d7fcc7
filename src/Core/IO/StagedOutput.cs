namespace Rdd.Core.IO;

/// <summary>
/// Overwrites or appends to an existing output (a folder of part files, or a file) so that no failure loses it.
/// The job commits into a staging folder next to the target, <c>.&lt;name&gt;-&lt;id&gt;.overwrite</c> or
/// <c>.append</c>: the same parent, so every move below is a rename within one file system, and a name that readers
/// skip (Hadoop's hidden-file rule). A job that fails leaves the target untouched and its staging folder deleted
/// (by <see cref="AtomicOutputCommitter.AbortJob"/>). Once the job has committed, <see cref="Publish"/> makes its
/// output visible:
/// <list type="bullet">
/// <item>overwrite: the target is renamed aside to <c>.&lt;name&gt;-&lt;id&gt;.replaced</c>, the staging folder is
/// renamed to the target, then the old output is deleted. File systems offer no portable atomic exchange of two
/// folders, so between the two renames the target does not exist.</item>
/// <item>append: each staged part file is renamed into the target as <c>part-NNNNN-&lt;id&gt;</c> (before its
/// extension, if it has one: <c>part-NNNNN-&lt;id&gt;.snappy.parquet</c>).</item>
/// </list>
/// A step that fails undoes the renames before it, so <see cref="Publish"/> either succeeds or leaves the target
/// as it was. A process that dies half-way cannot undo anything; it leaves a state that <see cref="Recover"/>,
/// which every write to and every read of the target runs first, repairs. The rule is the one of a journal:
/// the write takes effect at its first change to the target (the old output renamed aside; the first part file
/// moved in). A crash before that discards the staged output; a crash after it completes the write. An
/// operation holds the lock file <c>.&lt;name&gt;-&lt;id&gt;.lock</c> open with an exclusive lock while it runs,
/// and the lock dies with the process, so recovery touches only operations whose process is gone.
/// </summary>
/// <remarks>
/// Recovery cases for an overwrite, after its process died (T the target, S staging, R the old output aside):
/// S uncommitted or not published yet, T intact: S is deleted. T renamed to R, S committed: S is renamed to T, R
/// deleted (the write completes). S renamed to T, R left: R is deleted. A committed staging folder is always
/// decommitted (its <c>_SUCCESS</c> deleted) before it is deleted, so a half-deleted one is never mistaken for a
/// committed one.
/// </remarks>
internal sealed class StagedOutput : IDisposable
{
    private const string LockSuffix = ".lock";
    private const string ReplacedSuffix = ".replaced";
    private const string OverwriteSuffix = ".overwrite";
    private const string AppendSuffix = ".append";
    private const int IdLength = 32;

    // Staging and lock names start with '.', which .NET's default enumeration hides on Unix.
    private static readonly EnumerationOptions s_listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = true,
        MatchType = MatchType.Simple,
    };

    private readonly FileStream _lock;
    private bool _published;
    private bool _leaveForRecovery;
    private bool _disposed;

    private StagedOutput(string target, StagedOutputKind kind, string id, FileStream lockFile)
    {
        TargetPath = target;
        Kind = kind;
        Id = id;
        _lock = lockFile;
        LockPath = SiblingPath(target, id, LockSuffix);
        StagingPath = SiblingPath(target, id, kind == StagedOutputKind.Overwrite ? OverwriteSuffix : AppendSuffix);
        ReplacedPath = SiblingPath(target, id, ReplacedSuffix);
    }

    /// <summary>The absolute output path being overwritten or appended to.</summary>
    public string TargetPath { get; }

    public StagedOutputKind Kind { get; }

    /// <summary>32 hex digits naming this operation's staging, lock and replaced paths (and appended part files).</summary>
    public string Id { get; }

    /// <summary>Where the job writes its output (an <see cref="AtomicOutputCommitter"/> output folder, created by the job).</summary>
    public string StagingPath { get; }

    /// <summary>Where an overwrite moves the old output until the new one is in place.</summary>
    public string ReplacedPath { get; }

    /// <summary>The lock file held while the operation runs.</summary>
    public string LockPath { get; }

    /// <summary>Called with a step's name before each step of <see cref="Publish"/>; tests throw from it to inject failures.</summary>
    internal Action<string>? BeforeStep { get; set; }

    /// <summary>
    /// Starts an operation on <paramref name="target"/>, which exists (a folder for an append): takes its lock.
    /// The caller writes the job to <see cref="StagingPath"/>, calls <see cref="Publish"/>, and disposes.
    /// </summary>
    /// <exception cref="IOException">An append to a file, or the lock file cannot be created.</exception>
    public static StagedOutput Begin(string target, StagedOutputKind kind)
    {
        string full = Normalize(target);
        if (kind == StagedOutputKind.Append && !Directory.Exists(full))
            throw new IOException($"Cannot append part files to {full}: it is not a folder.");
        for (int attempt = 0; ; attempt++)
        {
            string id = Guid.NewGuid().ToString("N");
            string lockPath = SiblingPath(full, id, LockSuffix);
            try
            {
                var lockFile = OpenLock(lockPath, FileMode.CreateNew);
                // On Unix the file is created, then locked: a recovery run may lock and delete it in between.
                if (File.Exists(lockPath)) return new StagedOutput(full, kind, id, lockFile);
                lockFile.Dispose();
            }
            catch (IOException) when (attempt < 2)
            {
                // Same race, recovery still holding the new file: try another id.
            }
            if (attempt >= 2) throw new IOException($"Could not take the lock {lockPath} for writing {full}.");
        }
    }

    /// <summary>
    /// Makes the committed staging output visible (see the class summary). On failure the steps done so far are
    /// undone and the error rethrown; if undoing fails too, the state is left for <see cref="Recover"/>, which
    /// completes the write.
    /// </summary>
    /// <exception cref="InvalidOperationException">The staging output has no <c>_SUCCESS</c>, or was published already.</exception>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_published) throw new InvalidOperationException($"The staged output for {TargetPath} is published already.");
        if (!IsCommitted(StagingPath))
            throw new InvalidOperationException($"The staged output {StagingPath} has not been committed.");
        if (Kind == StagedOutputKind.Overwrite) PublishOverwrite();
        else PublishAppend();
    }

    /// <summary>
    /// Ends the operation: deletes what it staged unless published, then the lock file. Leaves everything (lock
    /// file included) for <see cref="Recover"/> when a failed <see cref="Publish"/> could not undo its renames or
    /// some leftover could not be deleted. Never throws.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        bool clean = !_leaveForRecovery && TryDiscard(StagingPath);
        // Deleted while still locked, so no recovery run can lock it in between and no new operation can mistake it for its own.
        if (clean) TryDelete(LockPath);
        _lock.Dispose();
    }

    /// <summary>
    /// Completes or discards the operations on <paramref name="target"/> whose process died (see the class
    /// summary); an operation whose lock is held is running and left alone. Best effort: what cannot be repaired
    /// now (a rename refused) stays for the next call.
    /// </summary>
    public static void Recover(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        string? parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent)) return;
        string prefix = "." + Path.GetFileName(full) + "-";
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string entry in Directory.EnumerateFileSystemEntries(parent, "*", s_listing))
        {
            string name = Path.GetFileName(entry);
            if (TryParseId(name, prefix, out string? id)) ids.Add(id);
        }
        foreach (string id in ids)
        {
            RecoverOperation(full, id);
        }
    }

    /// <summary>The path of one of an operation's siblings of <paramref name="target"/>: <c>.&lt;name&gt;-&lt;id&gt;&lt;suffix&gt;</c>.</summary>
    internal static string SiblingPath(string target, string id, string suffix) =>
        Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "-" + id + suffix);

    private void PublishOverwrite()
    {
        bool movedAside = false;
        if (Path.Exists(TargetPath))
        {
            Step("move-old-aside");
            Move(TargetPath, ReplacedPath);
            movedAside = true;
        }
        try
        {
            Step("move-new-in");
            Directory.Move(StagingPath, TargetPath);
        }
        catch
        {
            if (movedAside)
            {
                Undo(() =>
                {
                    Step("restore-old");
                    Move(ReplacedPath, TargetPath);
                });
            }
            throw;
        }
        _published = true;
        if (movedAside)
        {
            try
            {
                Step("delete-old");
                DeletePath(ReplacedPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new output is in place; the hidden old one goes at the next recovery.
                _leaveForRecovery = true;
            }
        }
    }

    private void PublishAppend()
    {
        string[] parts = Directory.GetFiles(StagingPath, "part-*", s_listing);
        Array.Sort(parts, StringComparer.Ordinal);
        var moved = new List<(string From, string To)>(parts.Length);
        try
        {
            foreach (string part in parts)
            {
                Step("move-part");
                string destination = AppendedPath(TargetPath, part, Id);
                File.Move(part, destination, overwrite: false);
                moved.Add((part, destination));
            }
            Step("mark-success");
            File.WriteAllBytes(Path.Combine(TargetPath, AtomicOutputCommitter.SuccessFileName), []);
        }
        catch
        {
            Undo(() =>
            {
                for (int i = moved.Count - 1; i >= 0; i--)
                {
                    Step("restore-part");
                    File.Move(moved[i].To, moved[i].From, overwrite: false);
                }
            });
            throw;
        }
        _published = true;
    }

    private void Step(string name) => BeforeStep?.Invoke(name);

    private void Undo(Action undo)
    {
        try
        {
            undo();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _leaveForRecovery = true;
        }
    }

    private static void RecoverOperation(string target, string id)
    {
        string lockPath = SiblingPath(target, id, LockSuffix);
        FileStream? held = null;
        try
        {
            try
            {
                held = OpenLock(lockPath, FileMode.Open);
            }
            catch (FileNotFoundException)
            {
                // No lock file: a leftover of a dead operation (a live one holds its lock file from start to end).
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;   // Locked: the operation is running.
            }

            string overwrite = SiblingPath(target, id, OverwriteSuffix);
            string append = SiblingPath(target, id, AppendSuffix);
            bool clean = Directory.Exists(append)
                ? RecoverAppend(target, append, id)
                : RecoverOverwrite(target, overwrite, SiblingPath(target, id, ReplacedSuffix));
            if (clean) TryDelete(lockPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next recovery.
        }
        finally
        {
            held?.Dispose();
        }
    }

    private static bool RecoverOverwrite(string target, string staging, string replaced)
    {
        bool committed = IsCommitted(staging);
        if (Path.Exists(replaced) && !Path.Exists(target))
        {
            // The old output was moved aside, so the write had taken effect: finish it. Without a committed
            // staging output (never the case unless something else deleted it) the old output goes back.
            if (committed) Directory.Move(staging, target);
            else Move(replaced, target);
        }
        else if (Path.Exists(replaced) && committed)
        {
            // The target came back while the old output is aside and the new one staged: not a state this class
            // leaves. Nothing is deleted.
            return false;
        }
        // Staged but never published (or never committed): discard. Old output aside with the new one in place: delete it.
        bool clean = TryDiscard(staging);
        if (Path.Exists(replaced))
        {
            DeletePath(replaced);
        }
        return clean;
    }

    private static bool RecoverAppend(string target, string staging, string id)
    {
        if (IsCommitted(staging) && Directory.Exists(target)
            && Directory.EnumerateFiles(target, "part-*-" + id + "*", s_listing).Any())
        {
            // Some part files were moved in: the append had taken effect; move the rest.
            foreach (string part in Directory.GetFiles(staging, "part-*", s_listing))
            {
                File.Move(part, AppendedPath(target, part, id), overwrite: false);
            }
            File.WriteAllBytes(Path.Combine(target, AtomicOutputCommitter.SuccessFileName), []);
        }
        return TryDiscard(staging);
    }

    /// <summary>
    /// Opens a lock file for this process alone. On Unix .NET turns <see cref="FileShare.None"/> into an exclusive
    /// <c>flock</c>, which the kernel drops when the process dies; on Windows the share mode itself excludes others,
    /// and <see cref="FileShare.Delete"/> lets the holder delete the file before closing it.
    /// </summary>
    private static FileStream OpenLock(string path, FileMode mode) =>
        new(path, mode, FileAccess.ReadWrite, OperatingSystem.IsWindows() ? FileShare.Delete : FileShare.None);

    /// <summary><c>part-00000</c> → <c>part-00000-&lt;id&gt;</c>; <c>part-00000.snappy.parquet</c> → <c>part-00000-&lt;id&gt;.snappy.parquet</c>.</summary>
    private static string AppendedPath(string target, string stagedPart, string id)
    {
        string name = Path.GetFileName(stagedPart);
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        return Path.Combine(target, dot < 0 ? name + "-" + id : name[..dot] + "-" + id + name[dot..]);
    }

    private static bool IsCommitted(string staging) =>
        File.Exists(Path.Combine(staging, AtomicOutputCommitter.SuccessFileName));

    private static bool TryParseId(string name, string prefix, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? id)
    {
        id = null;
        if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length <= prefix.Length + IdLength) return false;
        var candidate = name.AsSpan(prefix.Length, IdLength);
        var suffix = name.AsSpan(prefix.Length + IdLength);
        if (!candidate.ContainsAnyExcept("0123456789abcdef") &&
            (suffix is LockSuffix or ReplacedSuffix or OverwriteSuffix or AppendSuffix))
        {
            id = candidate.ToString();
        }
        return id is not null;
    }

    /// <summary>
    /// Deletes a staging folder: its <c>_SUCCESS</c> first, so that a deletion cut short never leaves something
    /// that looks committed. False when something could not be deleted.
    /// </summary>
    private static bool TryDiscard(string staging)
    {
        try
        {
            if (!Directory.Exists(staging)) return true;
            File.Delete(Path.Combine(staging, AtomicOutputCommitter.SuccessFileName));
            Directory.Delete(staging, recursive: true);
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

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray lock file with nothing next to it is deleted by the next recovery.
        }
    }

    private static void Move(string from, string to)
    {
        if (Directory.Exists(from)) Directory.Move(from, to);
        else File.Move(from, to, overwrite: false);
    }

    private static void DeletePath(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        else File.Delete(path);
    }

    private static string Normalize(string target)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target));
        return Path.GetDirectoryName(full) is null
            ? throw new ArgumentException($"A root folder ({full}) cannot be an output.", nameof(target))
            : full;
    }
}
