using System.Globalization;
using System.Text;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// Second-by-second view of one target's run (--timeline): packages scheduled, 999s and 204s that
/// came in that second, the 204 backlog at its end, and the worst receipt → 204 of the packages
/// whose 999 came in it. Shows whether a slow tail is a start-up transient, a periodic stall
/// (checkpoints, GC) or a steady fall-behind.
/// </summary>
public sealed record TimelineSecond(int Second, bool Measured, int Scheduled, int Acks, int Notices, int Backlog,
    double? MaxReceiptTo204Ms, int NeverAnswered)
{
    public static IReadOnlyList<TimelineSecond> Build(PackageTracker tracker, ScenarioStats stats, double warmupSeconds)
    {
        var windowEnd = warmupSeconds + stats.MeasuredDuration.TotalSeconds;
        var origin = MonoClock.Add(stats.WindowStart, TimeSpan.FromSeconds(-warmupSeconds));
        var posted = tracker.Records.Where(r => r.Posted).ToList();
        if (posted.Count == 0) return [];
        var last = posted.Max(r => Math.Max(r.AckAt, r.NoticeAt));
        var seconds = (int)Math.Ceiling(MonoClock.Between(origin, last).TotalSeconds);
        int Index(long at) => at == 0 ? -1 : (int)Math.Floor(MonoClock.Between(origin, at).TotalSeconds);
        var lines = new List<TimelineSecond>(seconds);
        for (var s = 0; s < seconds; s++)
        {
            var end = MonoClock.Add(origin, TimeSpan.FromSeconds(s + 1));
            var scheduled = posted.Count(r => Index(r.ScheduledAt) == s);
            var acks = posted.Count(r => Index(r.AckAt) == s);
            var notices = posted.Count(r => Index(r.NoticeAt) == s);
            var backlog = posted.Count(r => r.Accepted && r.AckAt != 0 && r.AckAt <= end && (r.NoticeAt == 0 || r.NoticeAt > end));
            var answered = posted.Where(r => Index(r.AckAt) == s && r.NoticeAt != 0)
                .Select(r => Math.Max(0, MonoClock.Between(r.AckAt, r.NoticeAt).TotalMilliseconds)).ToList();
            var never = posted.Count(r => Index(r.AckAt) == s && r.Accepted && r.NoticeAt == 0);
            lines.Add(new TimelineSecond(s, s >= warmupSeconds - 1e-9 && s < windowEnd - 1e-9, scheduled, acks, notices, backlog,
                answered.Count == 0 ? null : answered.Max(), never));
        }
        return lines;
    }

    public static string Render(string target, IReadOnlyList<TimelineSecond> lines)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Timeline [{target}] (s = seconds since the warm-up began; * = measured window):");
        sb.AppendLine("     s  sched    999    204  backlog  worst receipt→204 of that second's 999s");
        foreach (var l in lines)
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"  {l.Second,4}{(l.Measured ? "*" : " ")} {l.Scheduled,6} {l.Acks,6} {l.Notices,6} {l.Backlog,8}  " +
                $"{(l.MaxReceiptTo204Ms is { } w ? Report.Ms(w) : "—")}{(l.NeverAnswered > 0 ? $" (+{l.NeverAnswered:N0} never answered)" : "")}");
        return sb.ToString();
    }
}
