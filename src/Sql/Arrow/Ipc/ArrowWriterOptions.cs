namespace Rdd.Sql.Arrow.Ipc;

/// <summary>Options of <see cref="ArrowStreamWriter"/> and <see cref="ArrowFileWriter"/>.</summary>
internal sealed record ArrowWriterOptions
{
    public static ArrowWriterOptions Default { get; } = new();

    /// <summary>
    /// Frame messages the pre-0.15 way, without the 0xFFFFFFFF continuation marker, for readers built
    /// against Arrow older than 0.15.
    /// </summary>
    public bool WriteLegacyIpcFormat { get; init; }

    /// <summary>Keep the target stream open when the writer is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
