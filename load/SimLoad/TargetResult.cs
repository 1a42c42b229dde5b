namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The figures of one target: offered and sustained throughput, 999 latency, receipt → 204 and
/// send → 204 latency, outcomes, and the runner's own health (scheduler lag, inbox polls).
/// Everything counts packages scheduled in the measured window unless said otherwise.
/// </summary>
public sealed record TargetResult
{
    public required string Name { get; init; }
    public required TargetKind Kind { get; init; }
    public string? Url { get; init; }
    public required int InvoicesPerPackage { get; init; }
    public required double DurationSeconds { get; init; }

    public required double OfferedPackagesPerSecond { get; init; }

    /// <summary>Accepted 999s that came back inside the measured window, per second.</summary>
    public required double AckPackagesPerSecond { get; init; }

    /// <summary>
    /// Packages whose 204 arrived inside the measured window, per second (the ceiling, which has no
    /// 204s: accepted 999s inside the window).
    /// </summary>
    public required double SustainedPackagesPerSecond { get; init; }

    public double SustainedInvoicesPerSecond => SustainedPackagesPerSecond * InvoicesPerPackage;

    public required LatencySummary Ack { get; init; }
    public LatencySummary? ReceiptTo204 { get; init; }
    public LatencySummary? SendTo204 { get; init; }
    public required LatencySummary SchedulerLag { get; init; }
    public LatencySummary? InboxPoll { get; init; }

    public required long Sent { get; init; }
    public required long Accepted { get; init; }
    public required long Failed { get; init; }
    public required IReadOnlyDictionary<string, long> FailKinds { get; init; }
    public string? FirstRefusal { get; init; }

    /// <summary>Accepted packages still without a 204 at the start / end of the measured window.</summary>
    public long BacklogAtStart { get; init; }

    public long BacklogAtEnd { get; init; }

    public long Valid204 { get; init; }
    public long Failed204 { get; init; }
    public long Missing204 { get; init; }
    public long Duplicate204 { get; init; }
    public long Unmatched204 { get; init; }
    public long FailedPolls { get; init; }
    public string? LastPollError { get; init; }
    public InboxNotice? FirstFailed204 { get; init; }

    /// <summary>Seconds spent after the load waiting for outstanding 204s.</summary>
    public double DrainSeconds { get; init; }

    /// <summary>CPU of the runner process while the load ran (warm-up included), % of one core; includes the in-process ceiling / fake.</summary>
    public double RunnerCpuPercent { get; init; }

    /// <summary>CPU of the simulator process (when the runner started it), % of one core; the database's own processes are in DatabaseCpuPercent.</summary>
    public double? ServerCpuPercent { get; init; }

    /// <summary>CPU of the throwaway PostgreSQL cluster (postmaster and backends), % of one core; null when not started by the runner.</summary>
    public double? DatabaseCpuPercent { get; init; }

    /// <summary>CPU the rest of the machine used meanwhile (machine busy time minus the above), % of one core: noise.</summary>
    public double OthersCpuPercent { get; init; }

    public string? ServerLog { get; init; }
    public int ServerLogErrors { get; init; }
    public bool ServerDied { get; init; }
    public List<string> Notes { get; init; } = [];

    /// <summary>Per-second view (only with --timeline).</summary>
    public IReadOnlyList<TimelineSecond>? Timeline { get; init; }

    public bool Has204 => Kind.Has204();

    public static TargetResult From(string name, TargetKind kind, string? url, int invoices, ScenarioStats stats,
        PackageTracker tracker, InboxPoller? poller, double drainSeconds)
    {
        var receipt = new LogLinearHistogram();
        var send = new LogLinearHistogram();
        long sent = 0, accepted = 0, valid = 0, failed = 0, missing = 0, duplicates = 0, inWindow = 0, backlogStart = 0, backlogEnd = 0;
        foreach (var r in tracker.Records)
        {
            if (r.NoticeAt != 0 && r.NoticeAt >= stats.WindowStart && r.NoticeAt <= stats.WindowEnd) inWindow++;
            if (Waiting(r, stats.WindowStart)) backlogStart++;
            if (Waiting(r, stats.WindowEnd)) backlogEnd++;
            if (!r.Posted || r.IsWarmUp) continue;
            sent++;
            if (r.Accepted) accepted++;
            if (r.NoticeCount > 1) duplicates++;
            if (r.NoticeAt == 0)
            {
                if (r.Accepted) missing++;
                continue;
            }
            if (r.NoticeKind == 2) valid++;
            else failed++;
            if (r.AckAt != 0) receipt.RecordMicros(Math.Max(0, MonoClock.MicrosBetween(r.AckAt, r.NoticeAt)));
            send.RecordMicros(MonoClock.MicrosBetween(r.ScheduledAt, r.NoticeAt));
        }
        var seconds = stats.MeasuredDuration.TotalSeconds;
        var has204 = kind.Has204();
        return new TargetResult
        {
            Name = name,
            Kind = kind,
            Url = url,
            InvoicesPerPackage = invoices,
            DurationSeconds = seconds,
            OfferedPackagesPerSecond = stats.OfferedPerSecond,
            AckPackagesPerSecond = stats.AchievedPerSecond,
            SustainedPackagesPerSecond = has204 ? inWindow / seconds : stats.AchievedPerSecond,
            Ack = LatencySummary.From(stats.Latency),
            ReceiptTo204 = has204 ? LatencySummary.From(receipt) : null,
            SendTo204 = has204 ? LatencySummary.From(send) : null,
            SchedulerLag = LatencySummary.From(stats.SchedulerLag),
            InboxPoll = poller is null ? null : LatencySummary.From(poller.PollLatency),
            Sent = sent,
            Accepted = accepted,
            Failed = stats.Fail,
            FailKinds = new Dictionary<string, long>(stats.FailKinds),
            FirstRefusal = tracker.FirstRefusal,
            BacklogAtStart = has204 ? backlogStart : 0,
            BacklogAtEnd = has204 ? backlogEnd : 0,
            Valid204 = valid,
            Failed204 = failed,
            Missing204 = has204 ? missing : 0,
            Duplicate204 = duplicates,
            Unmatched204 = tracker.UnmatchedNotices,
            FailedPolls = poller?.FailedPolls ?? 0,
            LastPollError = poller?.LastError,
            FirstFailed204 = tracker.FirstFailure,
            DrainSeconds = drainSeconds,
        };
    }

    /// <summary>Acknowledged as accepted by <paramref name="at"/> and without its 204 then.</summary>
    private static bool Waiting(PackageRecord r, long at) =>
        r.Accepted && r.AckAt != 0 && r.AckAt <= at && (r.NoticeAt == 0 || r.NoticeAt > at);
}
