namespace Rdd.Sql.Arrow.Types;

/// <summary>Resolution of a timestamp; the numeric values match Arrow's <c>TimeUnit</c> enum.</summary>
internal enum TimeUnit : short
{
    Second = 0,
    Millisecond = 1,
    Microsecond = 2,
    Nanosecond = 3,
}
