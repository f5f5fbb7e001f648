using System.Diagnostics;

namespace Interview.Load;

/// <summary>Latency samples from one clock (every client of a run is in this process), and their percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public static long Now => Stopwatch.GetTimestamp();

    public void Add(long startedAt) => AddMilliseconds(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);

    public void AddMilliseconds(double milliseconds)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public LatencySummary Summary()
    {
        double[] sorted;
        lock (_milliseconds)
        {
            sorted = [.. _milliseconds];
        }

        Array.Sort(sorted);
        double At(double quantile) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];
        return new LatencySummary(sorted.Length, Round(At(0.5)), Round(At(0.9)), Round(At(0.99)), Round(sorted.Length == 0 ? 0 : sorted[^1]));
    }

    private static double Round(double value) => Math.Round(value, 2);
}

public sealed record LatencySummary(int Samples, double P50, double P90, double P99, double Max);
