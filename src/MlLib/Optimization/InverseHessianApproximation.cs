using System.Numerics.Tensors;

namespace Rdd.MlLib.Optimization;

/// <summary>
/// The limited-memory inverse Hessian of L-BFGS, Breeze's <c>LBFGS.ApproximateInverseHessian</c>: the last
/// <c>memory</c> pairs (s, y) = (x' − x, ∇f(x') − ∇f(x)), applied to a gradient by the two-loop recursion with the
/// initial scaling sᵀy / yᵀy of the newest pair.
/// </summary>
/// <remarks>
/// Pairs are recorded without a curvature test, as Breeze does; a newest pair with sᵀy &lt; 0 (or NaN) is caught when
/// the next direction is computed and throws <see cref="StepFailedException"/>, which makes the minimizer start over
/// with an empty history. The pairs live in a ring of preallocated vectors, so updates allocate nothing.
/// </remarks>
internal sealed class InverseHessianApproximation
{
    private readonly double[][] _steps;
    private readonly double[][] _gradientDeltas;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _newest = -1;

    public InverseHessianApproximation(int memory, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memory);
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        _steps = new double[memory][];
        _gradientDeltas = new double[memory][];
        for (int k = 0; k < memory; k++)
        {
            _steps[k] = new double[dimension];
            _gradientDeltas[k] = new double[dimension];
        }
        _rho = new double[memory];
        _alpha = new double[memory];
    }

    /// <summary>Pairs remembered, at most the memory.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every pair: the approximation becomes the identity.</summary>
    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    /// <summary>Remembers the pair of a step from (<paramref name="oldX"/>, <paramref name="oldGradient"/>) to (<paramref name="newX"/>, <paramref name="newGradient"/>), dropping the oldest beyond the memory.</summary>
    public void Update(ReadOnlySpan<double> newX, ReadOnlySpan<double> oldX, ReadOnlySpan<double> newGradient, ReadOnlySpan<double> oldGradient)
    {
        int slot = (_newest + 1) % _steps.Length;
        TensorPrimitives.Subtract(newX, oldX, _steps[slot]);
        TensorPrimitives.Subtract(newGradient, oldGradient, _gradientDeltas[slot]);
        _rho[slot] = TensorPrimitives.Dot<double>(_steps[slot], _gradientDeltas[slot]);
        _newest = slot;
        Count = Math.Min(Count + 1, _steps.Length);
    }

    /// <summary>Writes the quasi-Newton direction −H·<paramref name="gradient"/> into <paramref name="direction"/>.</summary>
    /// <exception cref="StepFailedException">The newest pair has negative or NaN curvature, or the recursion produced NaN.</exception>
    public void Direction(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        gradient.CopyTo(direction);
        double scale = 1.0;
        if (Count > 0)
        {
            double sy = _rho[_newest];
            double yy = TensorPrimitives.Dot<double>(_gradientDeltas[_newest], _gradientDeltas[_newest]);
            if (sy < 0 || double.IsNaN(sy))
            {
                throw new StepFailedException($"Curvature history has sᵀy = {sy}");
            }
            scale = sy / yy;
        }

        // Entry k counts back from the newest pair.
        for (int k = 0; k < Count; k++)
        {
            int slot = Slot(k);
            double a = TensorPrimitives.Dot<double>(_steps[slot], direction) / _rho[slot];
            if (double.IsNaN(a))
            {
                throw new StepFailedException("Curvature history produced NaN");
            }
            _alpha[slot] = a;
            TensorPrimitives.MultiplyAdd(_gradientDeltas[slot], -a, direction, direction);
        }

        TensorPrimitives.Multiply(direction, scale, direction);

        for (int k = Count - 1; k >= 0; k--)
        {
            int slot = Slot(k);
            double beta = TensorPrimitives.Dot<double>(_gradientDeltas[slot], direction) / _rho[slot];
            TensorPrimitives.MultiplyAdd(_steps[slot], _alpha[slot] - beta, direction, direction);
        }

        TensorPrimitives.Negate(direction, direction);
    }

    private int Slot(int back) => (_newest - back + _steps.Length) % _steps.Length;
}
