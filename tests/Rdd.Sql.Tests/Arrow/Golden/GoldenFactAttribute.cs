namespace Rdd.Sql.Tests.Arrow;

/// <summary>
/// A fact that needs Arrow's integration golden files; skipped, saying where they are expected, when the
/// arrow-testing checkout is absent (xunit 2 has no dynamic skip, so the attribute decides up front).
/// </summary>
public sealed class GoldenFactAttribute : FactAttribute
{
    public GoldenFactAttribute()
    {
        if (RepositoryPaths.ArrowTestingDirectory is null)
        {
            Skip = GoldenFiles.MissingMessage;
        }
    }
}

/// <summary>The <see cref="GoldenFactAttribute"/> of theories.</summary>
public sealed class GoldenTheoryAttribute : TheoryAttribute
{
    public GoldenTheoryAttribute()
    {
        if (RepositoryPaths.ArrowTestingDirectory is null)
        {
            Skip = GoldenFiles.MissingMessage;
        }
    }
}
