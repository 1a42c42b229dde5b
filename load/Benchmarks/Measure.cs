using System.Diagnostics;

namespace ConformanceKit.Load;

/// <summary>
/// Runs an operation repeatedly on the calling thread (one core) for a fixed time after a warm-up,
/// and reports the median of per-second rates, so a GC pause or a noisy neighbour skews less; also the
/// process CPU time per operation, which a busy machine's preemption does not inflate (it counts the
/// GC's threads too, which is part of the cost).
/// </summary>
internal static class Measure
{
    public sealed record Rate(string Name, double OpsPerSecond, double BytesPerOp, int InvoicesPerOp, double CpuMicrosecondsPerOp = double.NaN,
        double AllocatedKilobytesPerOp = double.NaN, double Gen2PerThousandOps = double.NaN)
    {
        public double MegabytesPerSecond => OpsPerSecond * BytesPerOp / (1024 * 1024);
        public double InvoicesPerSecond => OpsPerSecond * InvoicesPerOp;

        /// <summary>MB/s if the operation had a core to itself: bytes over CPU time.</summary>
        public double MegabytesPerCpuSecond => BytesPerOp / (CpuMicrosecondsPerOp / 1e6) / (1024 * 1024);
    }

    public static Rate Run(string name, Action op, double bytesPerOp, int invoicesPerOp, TimeSpan duration, TimeSpan warmup)
    {
        var until = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until) op();

        var samples = new List<double>();
        var total = 0L;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedStart = GC.GetAllocatedBytesForCurrentThread();
        var gen2Start = GC.CollectionCount(2);
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            // One sample = as many ops as fit in ~200 ms (at least one).
            var start = Stopwatch.GetTimestamp();
            var count = 0;
            long now;
            do
            {
                op();
                count++;
                now = Stopwatch.GetTimestamp();
            } while (now - start < Stopwatch.Frequency / 5);
            samples.Add(count / ((now - start) / (double)Stopwatch.Frequency));
            total += count;
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedStart;
        var gen2 = GC.CollectionCount(2) - gen2Start;
        samples.Sort();
        return new Rate(name, samples[samples.Count / 2], bytesPerOp, invoicesPerOp, cpu.TotalMicroseconds / total,
            allocated / 1024.0 / total, gen2 * 1000.0 / total);
    }
}
