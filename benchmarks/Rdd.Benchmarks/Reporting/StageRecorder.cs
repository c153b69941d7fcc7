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

    /// <summary>One row per completed stage, in completion order.</summary>
    public string StageTable()
    {
        var table = new TextTable("job", "action", "stage", "name", "kind", "tasks", "records read", "records written", "shuffle written", "shuffle read", "duration");
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
                    Count(m.ShuffleRecordsWritten),
                    Count(m.ShuffleRecordsRead),
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
}
