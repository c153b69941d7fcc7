namespace Rdd.Core;

/// <summary>
/// A read-only value shared with every task (Spark's broadcast variable). In local mode tasks run in
/// the driver's process, so the value is shared by reference rather than shipped; treat it as immutable.
/// </summary>
public sealed class Broadcast<T>
{
    private readonly T _value;
    private bool _destroyed;

    internal Broadcast(T value) => _value = value;

    /// <summary>The shared value.</summary>
    public T Value => _destroyed ? throw new InvalidOperationException("The broadcast variable has been destroyed.") : _value;

    /// <summary>Releases the value; reading it afterwards throws.</summary>
    public void Destroy() => _destroyed = true;
}
