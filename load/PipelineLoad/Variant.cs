namespace ConformanceKit.Load.PipelineLoad;

/// <summary>Where the provider keeps its store (codes, outbox).</summary>
public enum Variant
{
    /// <summary>A SQLite file, WAL, synchronous=FULL: every allocation is on disk before the POS gets its code.</summary>
    CrashSafe,

    /// <summary><c>:memory:NAME</c>, shared-cache in-memory SQLite: nothing reaches the disk (the baseline).</summary>
    InMemory,

    /// <summary>
    /// The crash-safe code path (file, WAL, synchronous=FULL) on tmpfs (/dev/shm), where fsync returns at
    /// once: the same SQL and locking as crash-safe without the disk, so the difference is the flushes.
    /// </summary>
    Tmpfs,
}

public static class VariantNames
{
    public const string TmpfsRoot = "/dev/shm";

    public static string Label(this Variant v) => v switch
    {
        Variant.CrashSafe => "crash-safe",
        Variant.InMemory => "in-memory",
        _ => "tmpfs",
    };

    public static string Store(this Variant v) => v switch
    {
        Variant.CrashSafe => "SQLite file, WAL, synchronous=FULL",
        Variant.InMemory => "SQLite :memory:NAME (shared cache)",
        _ => "SQLite file on tmpfs, WAL, synchronous=FULL (fsync free)",
    };

    public static Variant Parse(string s) => s switch
    {
        "crash-safe" or "file" => Variant.CrashSafe,
        "in-memory" or "memory" => Variant.InMemory,
        "tmpfs" => Variant.Tmpfs,
        _ => throw new ArgumentException("--only takes crash-safe, in-memory and/or tmpfs (comma-separated)"),
    };
}
