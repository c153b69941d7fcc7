using Apache.Arrow;

namespace Rdd.Sql.Execution.Kernels;

/// <summary>
/// SQL's three-valued AND, OR and NOT, and IS [NOT] NULL, a byte (eight rows) at a time on bitmaps.
/// A row is "known false" when valid and clear, "known true" when valid and set.
/// </summary>
internal static class BooleanKernels
{
    /// <summary>FALSE AND anything = FALSE; TRUE AND NULL = NULL.</summary>
    public static BooleanArray And(BooleanArray left, BooleanArray right) => Combine(left, right, isAnd: true);

    /// <summary>TRUE OR anything = TRUE; FALSE OR NULL = NULL.</summary>
    public static BooleanArray Or(BooleanArray left, BooleanArray right) => Combine(left, right, isAnd: false);

    private static BooleanArray Combine(BooleanArray left, BooleanArray right, bool isAnd)
    {
        int length = left.Length;
        var a = Bitmaps.Values(left);
        var b = Bitmaps.Values(right);
        var validA = Bitmaps.Validity(left);
        var validB = Bitmaps.Validity(right);
        var values = new byte[a.Length];
        if (validA is null && validB is null)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (byte)(isAnd ? a[i] & b[i] : a[i] | b[i]);
            }
            return KernelArrays.Boolean(values, null, length);
        }
        validA ??= Bitmaps.AllSet(length);
        validB ??= Bitmaps.AllSet(length);
        var validity = new byte[a.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int x = a[i] & validA[i];
            int y = b[i] & validB[i];
            if (isAnd)
            {
                // Valid when both are, or either side is a known FALSE.
                validity[i] = (byte)((validA[i] & validB[i]) | (validA[i] & ~a[i]) | (validB[i] & ~b[i]));
                values[i] = (byte)(x & y);
            }
            else
            {
                // Valid when both are, or either side is a known TRUE.
                validity[i] = (byte)((validA[i] & validB[i]) | x | y);
                values[i] = (byte)(x | y);
            }
        }
        return KernelArrays.Boolean(values, validity, length);
    }

    /// <summary>NOT NULL = NULL.</summary>
    public static BooleanArray Not(BooleanArray input)
    {
        var values = Bitmaps.Values(input);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (byte)~values[i];
        }
        return KernelArrays.Boolean(values, Bitmaps.Validity(input), input.Length);
    }

    /// <summary>IS NULL (<paramref name="negate"/> false) or IS NOT NULL; never null itself.</summary>
    public static BooleanArray IsNull(ArrowArray input, bool negate)
    {
        var validity = Bitmaps.Validity(input) ?? Bitmaps.AllSet(input.Length);
        if (!negate)
        {
            for (int i = 0; i < validity.Length; i++)
            {
                validity[i] = (byte)~validity[i];
            }
        }
        return KernelArrays.Boolean(validity, null, input.Length);
    }
}
