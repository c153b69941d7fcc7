namespace Rdd.Core.Shuffle;

/// <summary>Picks the shuffle implementation for the context's execution mode.</summary>
internal static class ShuffleManagers
{
    public static IShuffleManager Create(RddContext context)
    {
        string directory = Path.Combine(context.LocalDir, "shuffle");
        return context.Config.ExecutionMode == ExecutionMode.MapReduce
            ? new FileShuffleManager(directory)
            : new InMemoryShuffleManager(directory, context.Config.ShuffleMemoryBytes * context.Config.Parallelism);
    }
}
