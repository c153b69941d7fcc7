using System.Globalization;
using Rdd.Core;

namespace Rdd.Benchmarks.Reporting;

/// <summary>Collects the scheduler's job and stage events (delivered on worker and pool threads, hence the lock).</summary>
internal sealed class StageRecorder : IRddListener
{
    private readonly Lock _gate = new();
    private readonly List<StageCompleted> _stages = [];
    private readonly List<JobEnded> _jobs = [];
    private readonly Dictionary<int, string> _actions = [];

    public void OnJobStarted(JobStarted e)
    {
        lock (_gate) _actions[e.JobId] = e.Action;
    }

    public void OnJobEnded(JobEnded e)
    {
        lock (_gate) _jobs.Add(e);
    }

    public void OnStageCompleted(StageCompleted e)
    {
        lock (_gate) _stages.Add(e);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _stages.Clear();
            _jobs.Clear();
            _actions.Clear();
        }
    }

    /// <summary>One row per completed stage, in the order the stages finished (parents before the stages that read them).</summary>
    public string StageTable()
    {
        // Spark UI's stage columns: input from sources, output the job's result or files, shuffle in records and bytes.
        var table = new TextTable("job", "action", "stage", "name", "kind", "tasks", "input records", "output records",
            "shuffle write records (bytes)", "shuffle read records (bytes)", "duration");
        lock (_gate)
        {
            foreach (var s in _stages)
            {
                var m = s.Metrics;
                table.Add(
                    s.JobId.ToString(CultureInfo.InvariantCulture),
                    _actions.GetValueOrDefault(s.JobId, ""),
                    s.Stage.StageId.ToString(CultureInfo.InvariantCulture),
                    s.Stage.Name,
                    s.Stage.IsShuffleMap ? "shuffle map" : "result",
                    s.Stage.NumTasks.ToString(CultureInfo.InvariantCulture),
                    Count(m.RecordsRead),
                    Count(m.RecordsWritten),
                    Shuffle(m.ShuffleRecordsWritten, m.ShuffleBytesWritten),
                    Shuffle(m.ShuffleRecordsRead, m.ShuffleBytesRead),
                    $"{s.Duration.TotalMilliseconds:N0} ms" + (s.Failure is null ? "" : " FAILED"));
            }
        }
        return table.ToString();
    }

    public IReadOnlyList<JobEnded> Jobs
    {
        get
        {
            lock (_gate) return _jobs.ToArray();
        }
    }

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Records, and bytes when the shuffle measured them (it does for files, not for in-memory blocks).</summary>
    private static string Shuffle(long records, long bytes) => bytes > 0 ? $"{Count(records)} ({Bytes(bytes)})" : Count(records);

    private static string Bytes(long n) => n switch
    {
        < 1024 => $"{n} B",
        < 1024 * 1024 => (n / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        _ => (n / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
    };
}
