using System.IO.Compression;
using System.Text;

namespace Rdd.Core.Tests.IO;

/// <summary>A fresh temporary folder for one test, deleted with everything in it when disposed.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Root = Directory.CreateTempSubdirectory("rdd-io-").FullName;

    public string Root { get; }

    /// <summary>An absolute path under the folder; '/' separates segments on every platform.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public string WriteText(string relative, string content) => WriteBytes(relative, Encoding.UTF8.GetBytes(content));

    public string WriteBytes(string relative, byte[] content)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteGzip(string relative, byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return WriteBytes(relative, compressed.ToArray());
    }

    public string CreateFolder(string relative) => Directory.CreateDirectory(PathOf(relative)).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on some platform must not fail the test that already ran.
        }
    }
}
