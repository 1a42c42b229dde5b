namespace ConformanceKit.LoadTesting;

/// <summary>One look at a process's memory: its working set (resident set, VmRSS on Linux), its private anonymous part
/// (RssAnon: the managed heaps and native allocations, without mapped files) and, for this process only, the GC heap.</summary>
public sealed record MemoryReading(long WorkingSetBytes, long? AnonymousBytes = null, long? GcHeapBytes = null);

/// <summary>Whose memory a run samples and how: <paramref name="Process"/> names it in the report (e.g. "simulator (child process 4242)").</summary>
public sealed record MemoryProbe(string Process, Func<MemoryReading?> Read);
