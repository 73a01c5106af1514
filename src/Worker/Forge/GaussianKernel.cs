namespace RenderFarm.Worker.Forge;

/// <summary>
/// Normalised 1-D Gaussian taps, radius ⌈3σ⌉. The exponential is our own Taylor series with range reduction, built
/// only from IEEE +, ×, ÷ (each correctly rounded), so the weights — and with them the model's bytes — are the same on
/// every machine; the C runtime's exp may differ in the last bit between platforms.
/// </summary>
public static class GaussianKernel
{
    public static float[] Taps(double sigma)
    {
        var weights = Weights(sigma, (int)Math.Ceiling(3 * sigma));
        // A plain loop: the addition order is part of the result, and LINQ may vectorise sums differently per CPU.
        var sum = 0.0;
        foreach (var w in weights)
            sum += w;
        return [.. weights.Select(w => (float)(w / sum))];
    }

    /// <summary>Unnormalised e^(−i²/2σ²) for i = −radius..radius, in double precision.</summary>
    public static double[] Weights(double sigma, int radius)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        var weights = new double[2 * radius + 1];
        for (var i = -radius; i <= radius; i++)
            weights[i + radius] = ExpOfNonPositive(-(double)i * i / (2 * sigma * sigma));
        return weights;
    }

    /// <summary>e^x for x ≤ 0: halve x until |x| &lt; 1/4, sum 20 Taylor terms, square back.</summary>
    internal static double ExpOfNonPositive(double x)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(x, 0);
        if (x < -700) return 0;
        var halvings = 0;
        while (x < -0.25)
        {
            x /= 2;
            halvings++;
        }
        double term = 1, sum = 1;
        for (var n = 1; n <= 20; n++)
        {
            term = term * x / n;
            sum += term;
        }
        for (var i = 0; i < halvings; i++)
            sum *= sum;
        return sum;
    }
}
