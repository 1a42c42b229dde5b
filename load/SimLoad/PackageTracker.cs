using System.Collections.Frozen;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// Matches 204s to the packages that were sent, by MTDTChieu = the package's MTDiep. The map is
/// built once from the pre-generated packages, so the senders and the poller never contend on it.
/// </summary>
public sealed class PackageTracker
{
    private readonly FrozenDictionary<string, PackageRecord> byMessageId;
    private long unmatchedNotices;
    private string? firstRefusal;

    public PackageTracker(IReadOnlyList<GeneratedPackage> packages)
    {
        Records = packages.Select(p => new PackageRecord(p)).ToArray();
        byMessageId = Records.ToFrozenDictionary(r => r.Package.MessageId, StringComparer.Ordinal);
    }

    public PackageRecord[] Records { get; }

    /// <summary>204s that answer no package of this run (left over from earlier runs, or foreign).</summary>
    public long UnmatchedNotices => Interlocked.Read(ref unmatchedNotices);

    /// <summary>Accepted packages still waiting for their 204 (a scan: called a few times a second at most).</summary>
    public int CountPending() =>
        Records.Count(r => Volatile.Read(ref r.AckAt) != 0 && r.Accepted && Volatile.Read(ref r.NoticeAt) == 0);

    /// <summary>The first 204 with LTBao 7, kept whole for the report.</summary>
    public InboxNotice? FirstFailure { get; private set; }

    /// <summary>The first response that did not accept a package (HTTP status and body excerpt).</summary>
    public string? FirstRefusal => Volatile.Read(ref firstRefusal);

    public void NoteRefusal(string description) => Interlocked.CompareExchange(ref firstRefusal, description, null);

    public void MarkScheduled(PackageRecord record, ScenarioContext context)
    {
        record.IsWarmUp = context.IsWarmUp;
        Volatile.Write(ref record.ScheduledAt, context.ScheduledAt);
    }

    public void MarkAck(PackageRecord record, int status, bool accepted, long at)
    {
        record.HttpStatus = status;
        record.Accepted = accepted;
        Volatile.Write(ref record.AckAt, at);
    }

    /// <summary>Called by the single poller thread for every 204 it reads.</summary>
    public void MarkNotice(InboxNotice notice, long seenAt)
    {
        if (notice.ReferenceId is null || !byMessageId.TryGetValue(notice.ReferenceId, out var record))
        {
            Interlocked.Increment(ref unmatchedNotices);
            return;
        }
        record.NoticeCount++;
        if (record.NoticeCount > 1) return;
        record.NoticeKind = notice.Kind;
        Volatile.Write(ref record.NoticeAt, seenAt);
        if (notice.Kind != 2 && FirstFailure is null) FirstFailure = notice;
    }
}
