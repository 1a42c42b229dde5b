using System.Numerics;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// A small HdrHistogram-shaped latency histogram (HdrHistogram does not restore here): values are
/// microseconds; below 2^<see cref="SubBucketBits"/> every value has its own bucket, above that each
/// power-of-two range is split into 2^(bits-1) linear sub-buckets, so any recorded value is known to
/// within 1/64 (~1.6 %) of itself. Recording is lock-free (Interlocked) and allocation-free.
/// </summary>
public sealed class LogLinearHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;          // 128 linear buckets for 0..127 µs
    private const int HalfCount = SubBucketCount / 2;               // 64 buckets per power of two above
    private const int MaxShift = 64 - SubBucketBits;
    private readonly long[] counts = new long[SubBucketCount + MaxShift * HalfCount];
    private long count;
    private long max;
    private long min = long.MaxValue;
    private long sum;

    public long Count => Interlocked.Read(ref count);

    public TimeSpan Max => Count == 0 ? TimeSpan.Zero : FromMicros(Interlocked.Read(ref max));

    public TimeSpan Min => Count == 0 ? TimeSpan.Zero : FromMicros(Interlocked.Read(ref min));

    public TimeSpan Mean => Count == 0 ? TimeSpan.Zero : FromMicros(Interlocked.Read(ref sum) / Count);

    public void Record(TimeSpan value) => RecordMicros((long)(value.Ticks / 10.0));

    public void RecordMicros(long micros)
    {
        if (micros < 0) micros = 0;
        Interlocked.Increment(ref counts[IndexOf(micros)]);
        Interlocked.Increment(ref count);
        Interlocked.Add(ref sum, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref max)) && Interlocked.CompareExchange(ref max, micros, seen) != seen) { }
        while (micros < (seen = Interlocked.Read(ref min)) && Interlocked.CompareExchange(ref min, micros, seen) != seen) { }
    }

    /// <summary>
    /// The value at percentile <paramref name="p"/> (0–100): the highest value equivalent to the
    /// bucket holding the ceil(p% × count)-th value, capped at the exact maximum (as HdrHistogram).
    /// </summary>
    public TimeSpan Percentile(double p)
    {
        var total = Count;
        if (total == 0) return TimeSpan.Zero;
        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(p, 0, 100) / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank) return FromMicros(Math.Min(HighestEquivalent(i), Interlocked.Read(ref max)));
        }
        return Max;
    }

    internal static int IndexOf(long micros)
    {
        if (micros < SubBucketCount) return (int)micros;
        var msb = 63 - BitOperations.LeadingZeroCount((ulong)micros);
        var shift = msb - SubBucketBits + 1;                         // ≥ 1
        var sub = (int)(micros >> shift);                            // in [HalfCount, SubBucketCount)
        return SubBucketCount + (shift - 1) * HalfCount + (sub - HalfCount);
    }

    internal static long HighestEquivalent(int index)
    {
        if (index < SubBucketCount) return index;
        var shift = (index - SubBucketCount) / HalfCount + 1;
        var sub = (long)((index - SubBucketCount) % HalfCount + HalfCount);
        return ((sub + 1) << shift) - 1;
    }

    private static TimeSpan FromMicros(long micros) => TimeSpan.FromTicks(micros * 10);
}
