using ConformanceKit.Provider.Pos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConformanceKit.Provider;

/// <summary>
/// The provider's work loop: issue sales (as the <see cref="ISaleIntake"/>), form packages when the
/// sync mode says so, sign them, send them (the same bytes and MTDiep on every retry, with back-off),
/// read the 204s from the inbox and act on them, and look up invoices whose 204 is overdue.
/// Every step reads its work from the <see cref="ProviderStore"/> and records its result there, so a
/// killed process resumes where it stopped. One engine per store.
/// </summary>
public sealed partial class ProviderEngine : ISaleIntake, IDisposable
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private readonly ProviderOptions _options;
    private readonly ProviderStore _store;
    private readonly CodeAllocator _allocator;
    private readonly IPackageSigner _signer;
    private readonly AuthorityClient _authority;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Dictionary<string, CashRegister> registers = new(StringComparer.Ordinal);
    private readonly Lock _registersGate = new();
    private int _flushRequested;
    private bool _correctionsCompleted;
    private DateTimeOffset? _nextEndOfDay;
    private DateTimeOffset _nextPoll;
    private DateTimeOffset _authorityRetryAt;

    public ProviderEngine(ProviderOptions options, ProviderStore store, CodeAllocator allocator, IPackageSigner signer,
        AuthorityClient authority, TimeProvider? time = null, ILogger? log = null)
    {
        _options = options;
        _store = store;
        _allocator = allocator;
        _signer = signer;
        _authority = authority;
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
        _ = Register(null); // validates the register configuration up front
    }

    public ProviderOptions Options => _options;

    public ProviderStore Store => _store;

    public IPackageSigner Signer => _signer;

    /// <summary>The totals of the sales answered last (the API's look-up right after a sale).</summary>
    internal Api.RecentTotals RecentTotals { get; } = new(4096);

    /// <summary>The sale path's group commits since the start, and the sales they carried (status: sales per commit).</summary>
    public (long Commits, long Sales) GroupCommitCounts => _allocator.GroupCommitCounts;

    /// <summary>
    /// The last failure of a step that will be retried (send, sign, inbox) or of an invoice set aside, for status; null
    /// once a later attempt of the same kind succeeded (then <see cref="ResolvedProblem"/> tells what it was and when).
    /// </summary>
    public string? LastProblem => _lastProblem?.Text;

    /// <summary>When <see cref="LastProblem"/> happened (the provider's clock).</summary>
    public DateTimeOffset? LastProblemAt => _lastProblem?.At;

    /// <summary>The last problem that a later success cleared, with when it happened and when it was cleared.</summary>
    public ResolvedProblem? ResolvedProblem { get; private set; }

    private ProblemNote? _lastProblem;
    private readonly Lock _problemGate = new();

    private void Problem(ProblemSource source, string text)
    {
        lock (_problemGate) _lastProblem = new ProblemNote(source, text, _time.GetUtcNow());
    }

    /// <summary>A step of one of <paramref name="sources"/>' kinds succeeded: a problem of that kind is over.</summary>
    private void Resolved(params ProblemSource[] sources)
    {
        lock (_problemGate)
        {
            if (_lastProblem is not { } p || !sources.Contains(p.Source)) return;
            ResolvedProblem = new ResolvedProblem(p.Text, p.At, _time.GetUtcNow());
            _lastProblem = null;
        }
    }

    private enum ProblemSource { Send, Inbox, Signing, Invoice, Step }

    private sealed record ProblemNote(ProblemSource Source, string Text, DateTimeOffset At);

    public async Task<SaleReceipt> SubmitAsync(string saleId, Sale sale, string? registerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(saleId);
        // Every intake comes through here: refuse before a register (or a code) is made for it.
        if ((SaleLimits.FindId(saleId, "saleId", SaleLimits.IntakeIdLength)
                ?? SaleLimits.FindId(registerId, "registerId", SaleLimits.RegisterIdLength)) is { } bad)
            throw new ArgumentException(bad.ToString(), nameof(saleId));
        // Group commit: answered once the commit carrying this sale (and the others waiting) returned. Not
        // cancellable once queued: a sale committed after its caller left is found again by its sale id.
        var issued = await Register(registerId).IssueAsync(sale, saleId).ConfigureAwait(false); // queued for packaging in the same transaction (trigger)
        if (!issued.Record.Existing && _options.Sync == SyncMode.Realtime) Wake(); // periodic: the 100 ms tick is soon enough
        return new SaleReceipt(saleId, issued, issued.Record.Existing);
    }

    /// <summary>Packages everything waiting, now, whatever the sync mode.</summary>
    public void RequestFlush()
    {
        Interlocked.Exchange(ref _flushRequested, 1);
        Wake();
    }

    public void Wake()
    {
        if (_wake.CurrentCount == 0) _wake.Release();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        _store.AdoptIssued(_time.GetUtcNow());
        _nextEndOfDay = NextEndOfDay(_time.GetUtcNow());
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await StepAsync(ct);
                Resolved(ProblemSource.Step);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // the loop must outlive any one failure; it is logged and retried
            catch (Exception e)
#pragma warning restore CA1031
            {
                Problem(ProblemSource.Step, e.Message);
                _log.LogError(e, "provider step failed; retrying");
            }
            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(100), ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pass: package, sign, send, read answers, look up overdue packages.</summary>
    public async Task StepAsync(CancellationToken ct)
    {
        if (!_correctionsCompleted)
        {
            _correctionsCompleted = true; // once per start: a failure here must not stop the sales
            try
            {
                await CompleteCorrectionsAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Problem(ProblemSource.Step, $"completing corrections after the restart: {e.Message}");
                _log.LogError(e, "completing corrections after the restart failed");
            }
        }
        var now = _time.GetUtcNow();
        var flush = Interlocked.Exchange(ref _flushRequested, 0) == 1;
        if (_nextEndOfDay is { } eod && now >= eod)
        {
            flush = true;
            _nextEndOfDay = NextEndOfDay(now);
        }
        await PackageAsync(flush, ct);
        await SignWaitingAsync(ct);
        await SendReadyAsync(ct);
        if (_time.GetUtcNow() >= _nextPoll)
        {
            _nextPoll = _time.GetUtcNow() + _options.PollInterval;
            await ReadInboxAsync(ct);
            await LookUpOverdueAsync(ct);
        }
    }

    public void Dispose()
    {
        _wake.Dispose();
        _corrections.Dispose();
    }

    private CashRegister Register(string? registerId)
    {
        var id = string.IsNullOrWhiteSpace(registerId) ? _options.Register.RegisterId : registerId;
        lock (_registersGate)
        {
            if (!registers.TryGetValue(id, out var register))
                registers[id] = register = new CashRegister(_options.Register with { RegisterId = id }, _allocator, _time);
            return register;
        }
    }

    private DateTimeOffset? NextEndOfDay(DateTimeOffset now)
    {
        if (_options.EndOfDay is not { } at) return null;
        var local = now.ToOffset(Vietnam);
        var today = new DateTimeOffset(DateOnly.FromDateTime(local.DateTime).ToDateTime(at), Vietnam);
        return today > now ? today : today.AddDays(1);
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts, 16));
        var delay = Math.Min(_options.RetryMax.TotalMilliseconds, _options.RetryBase.TotalMilliseconds * factor);
        return TimeSpan.FromMilliseconds(delay * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}

/// <summary>A problem a later success cleared.</summary>
/// <param name="Problem">What it was.</param>
/// <param name="At">When it happened.</param>
/// <param name="ResolvedAt">When a later attempt of the same kind succeeded.</param>
public sealed record ResolvedProblem(string Problem, DateTimeOffset At, DateTimeOffset ResolvedAt);
