using System.Globalization;

namespace ConformanceKit.LoadTesting.Targets;

/// <summary>
/// A process's memory from /proc/PID/status (Linux): VmRSS is the working set, RssAnon its private anonymous part. For
/// this process the GC heap is added (<see cref="GC.GetTotalMemory(bool)"/>, what dotnet-counters calls "GC Heap Size").
/// Elsewhere than Linux, <see cref="System.Diagnostics.Process.WorkingSet64"/>.
/// </summary>
public static class ProcessMemory
{
    /// <summary>The reading for <paramref name="pid"/>, or null once the process is gone.</summary>
    public static MemoryReading? Read(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try { return Parse(File.ReadAllText($"/proc/{pid}/status")); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        }
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return new MemoryReading(p.WorkingSet64);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException) { return null; }
    }

    /// <summary>This process: working set and anonymous memory from /proc/self, and the GC heap.</summary>
    public static MemoryReading? ReadSelf()
    {
        var gc = GC.GetTotalMemory(forceFullCollection: false);
        if (OperatingSystem.IsLinux())
        {
            try { return Parse(File.ReadAllText("/proc/self/status")) is { } r ? r with { GcHeapBytes = gc } : null; }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
        }
        return new MemoryReading(Environment.WorkingSet, null, gc);
    }

    /// <summary>Parses /proc/PID/status (proc(5)): "VmRSS:   123456 kB", "RssAnon:   98765 kB". Null without a VmRSS line
    /// (a kernel thread, or not that file at all).</summary>
    public static MemoryReading? Parse(string status)
    {
        long? rss = null, anon = null;
        foreach (var line in status.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("VmRSS:")) rss = Kilobytes(line["VmRSS:".Length..]);
            else if (line.StartsWith("RssAnon:")) anon = Kilobytes(line["RssAnon:".Length..]);
        }
        return rss is { } ws ? new MemoryReading(ws, anon) : null;
    }

    private static long? Kilobytes(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.EndsWith(" kB", StringComparison.Ordinal)) value = value[..^3].TrimEnd();
        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }
}
