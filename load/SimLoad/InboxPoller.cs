namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// The one task that polls <c>GET /api/v1/inbox?after={cursor}</c> every few milliseconds and
/// hands each 204 to the tracker with the time it was first seen (the response's arrival). Polls
/// again at once when a page looked full, so a backlog drains without waiting for the timer.
/// </summary>
public sealed class InboxPoller(HttpClient client, PackageTracker tracker, TimeSpan interval, string? cursor)
{
    private const int FullPageHint = 100;
    private CancellationTokenSource? stop;
    private Task? loop;
    private long polls;
    private long failedPolls;
    private long notices204;
    private long acks999;

    public string? Cursor { get; private set; } = cursor;

    public long Polls => Interlocked.Read(ref polls);

    public long FailedPolls => Interlocked.Read(ref failedPolls);

    public long Notices204 => Interlocked.Read(ref notices204);

    public long Acks999 => Interlocked.Read(ref acks999);

    public string? LastError { get; private set; }

    /// <summary>Round trip of one poll: the feed's own cost as the poller sees it.</summary>
    public LogLinearHistogram PollLatency { get; } = new();

    /// <summary>Reads the feed to its end and returns the cursor there, so a run ignores earlier runs' responses.</summary>
    public static async Task<string?> CurrentCursorAsync(HttpClient client, CancellationToken cancellationToken)
    {
        string? cursor = null;
        for (var page = 0; page < 100_000; page++)
        {
            using var response = await client.GetAsync(InboxUri(cursor), cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (notices, next) = InboxFeedParser.Parse(body);
            next = HeaderCursor(response) ?? next;
            if (notices.Count == 0 || next is null || next == cursor) return next ?? cursor;
            cursor = next;
        }
        return cursor;
    }

    public void Start()
    {
        stop = new CancellationTokenSource();
        loop = Task.Run(() => RunAsync(stop.Token));
    }

    public async Task StopAsync()
    {
        if (stop is null || loop is null) return;
        await stop.CancelAsync().ConfigureAwait(false);
        try { await loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var count = 0;
            try
            {
                count = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref failedPolls);
                LastError = ex.Message;
            }
            if (count < FullPageHint) await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var started = MonoClock.Now;
        using var response = await client.GetAsync(InboxUri(Cursor), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var seenAt = MonoClock.Now;
        Interlocked.Increment(ref polls);
        PollLatency.RecordMicros(MonoClock.MicrosBetween(started, seenAt));
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failedPolls);
            LastError = $"HTTP {(int)response.StatusCode} from the inbox feed";
            return 0;
        }
        var (notices, next) = InboxFeedParser.Parse(body);
        foreach (var notice in notices)
        {
            if (notice.Type == "204")
            {
                Interlocked.Increment(ref notices204);
                tracker.MarkNotice(notice, seenAt);
            }
            else if (notice.Type == "999")
            {
                Interlocked.Increment(ref acks999);
            }
        }
        Cursor = HeaderCursor(response) ?? next ?? Cursor;
        return notices.Count;
    }

    private static string InboxUri(string? cursor) =>
        cursor is null ? "/api/v1/inbox" : "/api/v1/inbox?after=" + Uri.EscapeDataString(cursor);

    private static string? HeaderCursor(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Next-Cursor", out var values) ? values.FirstOrDefault() : null;
}
