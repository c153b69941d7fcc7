using Rdd.Tests.Shared;
using System.Text.Json.Nodes;

namespace Rdd.Sql.Tests.Arrow;

/// <summary>Runs tests/interop/arrow-write.mjs once: files written by apache-arrow, and its description of them.</summary>
public sealed class JsWrittenFilesFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public JsWrittenFilesFixture()
    {
        var output = NodeInterop.RunScript("arrow-write.mjs", _directory.Path);
        Description = JsonNode.Parse(output)!.AsObject();
    }

    /// <summary><c>allTypes</c> and <c>empty</c>: the tables as apache-arrow built them.</summary>
    public JsonObject Description { get; }

    public string PathOf(string name) => _directory.File(name);

    public void Dispose() => _directory.Dispose();
}
