namespace Rdd.Core.Shuffle;

/// <summary>Picks the shuffle implementation for the context's execution mode.</summary>
internal static class ShuffleManagers
{
    public static IShuffleManager Create(RddContext context) => new InMemoryShuffleManager();
}
