namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The life of one posted package: scheduled, 999 received (and whether accepted), 204 first seen
/// by the poller. Timestamps are <see cref="MonoClock"/> values, 0 = not (yet) happened.
/// </summary>
public sealed class PackageRecord(GeneratedPackage package)
{
    public GeneratedPackage Package { get; } = package;

    public long ScheduledAt;
    public long AckAt;
    public bool Accepted;
    public bool IsWarmUp;
    public int HttpStatus;
    public long NoticeAt;
    public int NoticeKind;          // LTBao: 2 valid, 7 failed
    public int NoticeCount;         // 204s seen for this package (more than one = duplicates)

    public bool Posted => Volatile.Read(ref ScheduledAt) != 0;
}
