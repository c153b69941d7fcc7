using Rdd.Core;

namespace Rdd.Sql.Tests.DataFrames;

public sealed record Person(int Id, string? Name, int? Age, double Score, string Dept);

public sealed record DeptInfo(string Dept, string Floor);

public abstract class DataFrameTestBase : IDisposable
{
    protected DataFrameTestBase()
    {
        Context = new RddContext(new RddConfig { Parallelism = 2 });
        Sql = new SqlContext(Context);
    }

    protected RddContext Context { get; }

    protected SqlContext Sql { get; }

    protected static readonly Person[] People =
    [
        new(1, "alice", 30, 1.5, "eng"),
        new(2, "bob", null, 2.0, "eng"),
        new(3, null, 25, 3.25, "ops"),
        new(4, "dave", 41, 4.0, "ops"),
        new(5, "erin", 30, 0.5, "hr"),
    ];

    protected static readonly DeptInfo[] Depts = [new("eng", "1"), new("ops", "2"), new("sales", "3")];

    protected DataFrame PeopleFrame() => Sql.CreateDataFrame(People);

    protected string TempPath()
    {
        string path = Path.Combine(Path.GetTempPath(), "rdd-df-tests-" + Guid.NewGuid().ToString("N"));
        _paths.Add(path);
        return path;
    }

    private readonly List<string> _paths = [];

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            if (Directory.Exists(path)) Directory.Delete(path, true);
            else if (File.Exists(path)) File.Delete(path);
        }
        Context.Dispose();
        GC.SuppressFinalize(this);
    }
}
