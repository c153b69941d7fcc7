using Rdd.Core.IO;

namespace Rdd.Core.Tests.IO;

public sealed class PathGlobTests : IDisposable
{
    private readonly ScratchFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string[] Relative(IReadOnlyList<string> paths) =>
        [.. paths.Select(p => Path.GetRelativePath(_folder.Root, p).Replace(Path.DirectorySeparatorChar, '/'))];

    [Fact]
    public void Expand_File_ReturnsItsAbsolutePath()
    {
        string file = _folder.WriteText("a.txt", "x");

        Assert.Equal([file], PathGlob.Expand(file));
    }

    [Fact]
    public void Expand_Folder_ListsVisibleFilesSortedWithoutDescending()
    {
        _folder.WriteText("data/b.txt", "");
        _folder.WriteText("data/a.txt", "");
        _folder.WriteText("data/B.txt", "");
        _folder.WriteText("data/_SUCCESS", "");
        _folder.WriteText("data/.a.txt.crc", "");
        _folder.WriteText("data/sub/c.txt", "");
        _folder.WriteText("data/_temporary/0/part-00000", "");

        var files = PathGlob.Expand(_folder.PathOf("data"));

        // Ordinal order: upper case before lower case.
        Assert.Equal(["data/B.txt", "data/a.txt", "data/b.txt"], Relative(files));
    }

    [Fact]
    public void Expand_FolderWithTrailingSeparator_ListsItsFiles()
    {
        _folder.WriteText("data/a.txt", "");

        Assert.Equal(["data/a.txt"], Relative(PathGlob.Expand(_folder.PathOf("data") + Path.DirectorySeparatorChar)));
    }

    [Fact]
    public void Expand_HiddenFileNamedExplicitly_IsRead()
    {
        string file = _folder.WriteText("data/_metadata", "x");
        string dotFile = _folder.WriteText("data/.config", "x");

        Assert.Equal([file], PathGlob.Expand(file));
        Assert.Equal([dotFile], PathGlob.Expand(dotFile));
    }

    [Fact]
    public void Expand_StarInFileName_MatchesVisibleFiles()
    {
        _folder.WriteText("out/part-00001", "");
        _folder.WriteText("out/part-00000", "");
        _folder.WriteText("out/_part-00002", "");
        _folder.WriteText("out/other", "");

        Assert.Equal(["out/part-00000", "out/part-00001"], Relative(PathGlob.Expand(_folder.PathOf("out/part-*"))));
    }

    [Fact]
    public void Expand_QuestionMark_MatchesExactlyOneCharacter()
    {
        _folder.WriteText("logs/a1.log", "");
        _folder.WriteText("logs/a22.log", "");
        _folder.WriteText("logs/a.log", "");

        Assert.Equal(["logs/a1.log"], Relative(PathGlob.Expand(_folder.PathOf("logs/a?.log"))));
    }

    [Fact]
    public void Expand_WildcardsInFolderSegments_MatchAcrossFolders()
    {
        _folder.WriteText("data/2024-02/part-00000", "");
        _folder.WriteText("data/2024-01/part-00001", "");
        _folder.WriteText("data/2024-01/part-00000", "");
        _folder.WriteText("data/2024-01/_SUCCESS", "");
        _folder.WriteText("data/2023-12/part-00000", "");
        _folder.WriteText("data/2024-03/readme", "");

        var files = PathGlob.Expand(_folder.PathOf("data/2024-*/part-*"));

        Assert.Equal(["data/2024-01/part-00000", "data/2024-01/part-00001", "data/2024-02/part-00000"], Relative(files));
    }

    [Fact]
    public void Expand_WildcardFolderSegment_SkipsHiddenFolders()
    {
        _folder.WriteText("out/a/part-00000", "");
        _folder.WriteText("out/_temporary/part-00000", "");
        _folder.WriteText("out/.staging/part-00000", "");

        Assert.Equal(["out/a/part-00000"], Relative(PathGlob.Expand(_folder.PathOf("out/*/part-00000"))));
    }

    [Fact]
    public void Expand_LiteralHiddenFolderInPattern_IsEntered()
    {
        _folder.WriteText("out/_logs/a.log", "");

        Assert.Equal(["out/_logs/a.log"], Relative(PathGlob.Expand(_folder.PathOf("out/_logs/*.log"))));
    }

    [Fact]
    public void Expand_PatternStartingWithDot_MatchesHiddenNames()
    {
        _folder.WriteText("home/.cache1", "");
        _folder.WriteText("home/.cache2", "");
        _folder.WriteText("home/cache3", "");

        Assert.Equal(["home/.cache1", "home/.cache2"], Relative(PathGlob.Expand(_folder.PathOf("home/.cache*"))));
    }

    [Fact]
    public void Expand_GlobMatchingFolders_ListsTheirVisibleFiles()
    {
        _folder.WriteText("data/2024-01/part-00000", "");
        _folder.WriteText("data/2024-01/_SUCCESS", "");
        _folder.WriteText("data/2024-02/part-00000", "");
        _folder.WriteText("data/2024-02/nested/deep.txt", "");

        var files = PathGlob.Expand(_folder.PathOf("data/2024-*"));

        Assert.Equal(["data/2024-01/part-00000", "data/2024-02/part-00000"], Relative(files));
    }

    [Fact]
    public void Expand_GlobMatchingFilesAndFolders_CombinesThemSorted()
    {
        _folder.WriteText("data/b/part-00000", "");
        _folder.WriteText("data/a.txt", "");
        _folder.WriteText("data/c.txt", "");

        Assert.Equal(["data/a.txt", "data/b/part-00000", "data/c.txt"], Relative(PathGlob.Expand(_folder.PathOf("data/*"))));
    }

    [Fact]
    public void Expand_EmptyFolder_ReturnsNoFiles()
    {
        string folder = _folder.CreateFolder("empty");

        Assert.Empty(PathGlob.Expand(folder));
    }

    [Fact]
    public void Expand_FolderWithOnlyHiddenFiles_ReturnsNoFiles()
    {
        _folder.WriteText("out/_SUCCESS", "");
        _folder.WriteText("out/.part-00000.crc", "");

        Assert.Empty(PathGlob.Expand(_folder.PathOf("out")));
    }

    [Fact]
    public void Expand_MissingFile_ThrowsFileNotFoundNamingThePath()
    {
        string missing = _folder.PathOf("nope/data.txt");

        var error = Assert.Throws<FileNotFoundException>(() => PathGlob.Expand(missing));

        Assert.Contains(missing, error.Message);
        Assert.Equal(missing, error.FileName);
    }

    [Fact]
    public void Expand_GlobMatchingNothing_ThrowsFileNotFoundNamingThePattern()
    {
        _folder.WriteText("data/a.txt", "");
        string pattern = _folder.PathOf("data/*.csv");

        var error = Assert.Throws<FileNotFoundException>(() => PathGlob.Expand(pattern));

        Assert.Contains(pattern, error.Message);
        Assert.Equal(pattern, error.FileName);
    }

    [Fact]
    public void Expand_GlobUnderMissingFolder_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => PathGlob.Expand(_folder.PathOf("missing/*/part-*")));
    }

    [Fact]
    public void Expand_GlobMatchingOnlyHiddenNames_ThrowsFileNotFound()
    {
        _folder.WriteText("out/_SUCCESS", "");

        Assert.Throws<FileNotFoundException>(() => PathGlob.Expand(_folder.PathOf("out/*")));
    }

    [Fact]
    public void Expand_RelativePath_IsResolvedAgainstCurrentDirectory()
    {
        string file = _folder.WriteText("rel/a.txt", "x");
        string relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
        Assert.False(Path.IsPathRooted(relative));

        Assert.Equal([file], PathGlob.Expand(relative));
    }

    [Fact]
    public void Expand_RelativeMissingPath_ThrowsNamingThePathAsGiven()
    {
        string relative = Path.Combine("no-such-folder-" + Guid.NewGuid().ToString("N"), "x.txt");

        var error = Assert.Throws<FileNotFoundException>(() => PathGlob.Expand(relative));

        Assert.Contains(relative, error.Message);
        Assert.Equal(relative, error.FileName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Expand_BlankPath_ThrowsArgumentException(string path)
    {
        Assert.ThrowsAny<ArgumentException>(() => PathGlob.Expand(path));
    }

    [Fact]
    public void Roots_LiteralPath_IsItselfWhenItExists()
    {
        string folder = _folder.CreateFolder("data");

        Assert.Equal([folder], PathGlob.Roots(folder));
        Assert.Empty(PathGlob.Roots(_folder.PathOf("missing")));
    }

    [Fact]
    public void Roots_Pattern_AreTheMatchedFilesAndFoldersUnlisted()
    {
        _folder.WriteText("data/a.csv", "");
        _folder.WriteText("data/b/c.csv", "");
        _folder.WriteText("data/_hidden.csv", "");

        Assert.Equal(["data/a.csv", "data/b"], Relative([.. PathGlob.Roots(_folder.PathOf("data/*")).Order(StringComparer.Ordinal)]));
    }

    [Fact]
    public void LiteralBase_IsTheFolderBeforeTheFirstWildcard()
    {
        Assert.Equal(_folder.PathOf("data"), PathGlob.LiteralBase(_folder.PathOf("data/*/x*.csv")));
        Assert.Equal(_folder.PathOf("data/a.csv"), PathGlob.LiteralBase(_folder.PathOf("data/a.csv")));
    }
}
