using Rdd.Core.IO;
using Rdd.Core.Serialization;

namespace Rdd.Core.Rdds;

/// <summary>
/// Writes an Rdd's partitions under the checkpoint folder and reads them back: the new root of the
/// lineage once the checkpoint is complete (Spark's ReliableCheckpointRDD).
/// </summary>
internal static class CheckpointRdd<T>
{
    public static Rdd<T> Write(Rdd<T> rdd, string directory)
    {
        ObjectFileWriter.Save(rdd, directory, "Checkpoint");
        return new ObjectFileRdd<T>(rdd.Context, directory, "Checkpoint");
    }
}
