using Rdd.Core;
using Rdd.MlLib.Tests.References;
using Rdd.Sql;

namespace Rdd.MlLib.Tests;

/// <summary>A two-worker context, a SQL context, temporary folders deleted at the end, and the golden data sets as frames.</summary>
public abstract class MlLibTestBase : IDisposable
{
    private readonly List<string> _folders = [];

    protected MlLibTestBase()
    {
        Context = new RddContext(new RddConfig { Parallelism = 2 });
        Sql = new SqlContext(Context);
    }

    protected RddContext Context { get; }

    protected SqlContext Sql { get; }

    /// <summary>A path under a fresh temporary folder (the folder exists, the path does not).</summary>
    protected string TempPath(string name = "out")
    {
        string folder = Path.Combine(Path.GetTempPath(), "rdd-mllib-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _folders.Add(folder);
        return Path.Combine(folder, name);
    }

    internal sealed record Point(
        [property: System.Runtime.Serialization.DataMember(Name = "label")] double Label,
        [property: System.Runtime.Serialization.DataMember(Name = "weight")] double Weight,
        [property: System.Runtime.Serialization.DataMember(Name = "features")] Vector? Features);

    /// <summary>A golden data set (References/Data) as label, weight, features.</summary>
    internal DataFrame Golden(string file)
    {
        var data = Goldens.Data(file);
        return Sql.CreateDataFrame(data.Labels.Select((label, i) => new Point(label, data.Weights?[i] ?? 1.0, Vectors.Dense(data.Features[i]))).ToArray());
    }

    internal DataFrame Points(params Point[] points) => Sql.CreateDataFrame(points);

    public void Dispose()
    {
        Context.Dispose();
        foreach (var folder in _folders)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        GC.SuppressFinalize(this);
    }
}
