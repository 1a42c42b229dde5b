using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.TaxAuthoritySim.Clock;
using ConformanceKit.TaxAuthoritySim.Faults;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>What the certifier gives to create a session (POST /admin/v1/certification/sessions).</summary>
public sealed record SessionRequest
{
    public string? VendorName { get; init; }
    public string? SystemName { get; init; }
    public string? SystemVersion { get; init; }
    public string? PlanId { get; init; }

    /// <summary>The taxpayer's MST (the vendor's test taxpayer); a fresh one when not given.</summary>
    public string? TaxCode { get; init; }

    /// <summary>For a T-VAN plan: the provider's MST (sender V + it); a fresh one when not given.</summary>
    public string? TvanTaxCode { get; init; }

    /// <summary>Where the session's responses are also POSTed (optional, as a T-VAN's callback).</summary>
    public string? CallbackUrl { get; init; }
}

/// <summary>A created session and its key: the key is in this answer only.</summary>
public sealed record CreatedSession(string SessionId, string ApiKey, string Sender, string TaxCode, IReadOnlyList<string> Blocks,
    string PlanId, string PlanVersion);

/// <summary>
/// The certification sessions of this server: created by the certifier, each with its own sender, taxpayer and code
/// block in the registry, its own fault rules (scoped to its sender) and its own activity log. Steps start and end here.
/// All changes are serialised and persisted in the store before they are answered.
/// </summary>
public sealed partial class CertificationService(
    ISimulatorStore store,
    RegistryService registry,
    FaultEngine faults,
    SenderClock clock,
    TestPlans plans,
    TimeProvider? wallClock = null)
{
    internal const string SettingKey = "certification.sessions";

    /// <summary>Requests kept per session: a plan needs tens; a runaway client cannot grow the store without bound.</summary>
    public const int MaxActivity = 5_000;

    public const int MaxSessions = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _wall = wallClock ?? TimeProvider.System;
    private Dictionary<string, CertificationSession>? _sessions;

    public TestPlans Plans => plans;

    public async Task<IReadOnlyList<CertificationSession>> ListAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return [.. (await LoadedAsync(ct)).Values.OrderByDescending(s => s.StartedAt)]; }
        finally { _gate.Release(); }
    }

    public async Task<CertificationSession?> FindAsync(string id, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return (await LoadedAsync(ct)).GetValueOrDefault(id); }
        finally { _gate.Release(); }
    }

    /// <summary>The session whose sender is <paramref name="sender"/> (the caller's T-VAN / K code), if any.</summary>
    public async Task<CertificationSession?> BySenderAsync(string sender, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { return (await LoadedAsync(ct)).Values.Where(s => s.Sender == sender).MaxBy(s => s.StartedAt); }
        finally { _gate.Release(); }
    }

    /// <summary>
    /// Whether a sender belongs to an open session (lock-free, for the activity recorder; true until the sessions are
    /// first read, so nothing is missed). The set is replaced whole under the gate whenever a session changes.
    /// </summary>
    public bool IsSessionSender(string sender) => _openSenders is not { } open || open.Contains(sender);

    private volatile IReadOnlySet<string>? _openSenders;

    /// <summary>False once the sessions are read and none is open: the activity recorder then costs the T-VAN API nothing.</summary>
    public bool HasOpenSessions => _openSenders is not { Count: 0 };

    /// <summary>Creates a session; the problems (field first) when the request cannot be served.</summary>
    public async Task<(CreatedSession? Created, IReadOnlyList<string> Problems)> CreateAsync(SessionRequest request, CancellationToken ct)
    {
        var problems = new List<string>();
        Text(request.VendorName, "vendorName", problems);
        Text(request.SystemName, "systemName", problems);
        Text(request.SystemVersion, "systemVersion", problems);
        var plan = plans.Find(request.PlanId);
        if (plan is null) problems.Add($"planId: '{request.PlanId}' is not a plan; known: {string.Join(", ", plans.All.Select(p => p.Id).Order())}");
        if (request.TaxCode is { } mst && !TaxCode.TryParse(mst, out _, out var mstError)) problems.Add($"taxCode: {mstError}");
        if (request.TvanTaxCode is { } tm && !TaxCode.TryParse(tm, out _, out var tvanError)) problems.Add($"tvanTaxCode: {tvanError}");
        if (request.CallbackUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            problems.Add("callbackUrl: not an absolute http(s) URL");
        if (problems.Count > 0) return (null, problems);

        await _gate.WaitAsync(ct);
        try
        {
            var sessions = await LoadedAsync(ct);
            if (sessions.Count >= MaxSessions) return (null, [$"sessions: at most {MaxSessions}; reset the server to start again"]);
            var current = registry.Current;
            var taxCode = request.TaxCode ?? FreshTaxCode(current);
            var sender = plan!.IsDirect ? "K" + taxCode : "V" + (request.TvanTaxCode ?? FreshTaxCode(current, taxCode));
            if (current.Taxpayer(taxCode) is not null) problems.Add($"taxCode: {taxCode} is already in the registry (another session or the seed); each session has its own taxpayer");
            if (current.Tvans.ContainsKey(sender)) problems.Add($"sender: {sender} is already in the registry; each session has its own sender");
            if (problems.Count > 0) return (null, problems);

            var key = "ckc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var block = FreshBlock(current);
            await registry.ApplyAsync(new SeedDocument
            {
                Taxpayers = [new SeedTaxpayer
                {
                    Mst = taxCode, Name = $"{request.VendorName} — NNT kiểm thử", Status = "00",
                    CashRegister = new SeedCashRegister { AcceptedOn = new DateOnly(2025, 1, 1), Forms = [1, 2], CodeBlocks = [block] },
                }],
                Tvans = [Sender(sender, request.VendorName!, Hashed(key), request.CallbackUrl, plan.IsDirect ? null : InForce)],
            }, ct);
            var now = _wall.GetUtcNow();
            var session = new CertificationSession
            {
                Id = "cs-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)),
                VendorName = request.VendorName!.Trim(), SystemName = request.SystemName!.Trim(), SystemVersion = request.SystemVersion!.Trim(),
                PlanId = plan.Id, PlanVersion = plan.Version, Sender = sender, TaxCode = taxCode, Blocks = [block],
                StartedAt = now, SimulatedStart = clock.Shared.GetUtcNow(),
                Steps = [.. plan.Steps.Select(s => new StepState { StepId = s.Id })],
            };
            session = await StartStepAsync(session, plan, 0, ct);
            sessions[session.Id] = session;
            await SaveAsync(sessions, session, ct);
            return (new CreatedSession(session.Id, key, sender, taxCode, [block], plan.Id, plan.Version), []);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Appends one request of a session's sender to its activity (dropped when the log is full or the session ended).</summary>
    public async Task RecordAsync(string sender, Activity activity, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var sessions = await LoadedAsync(ct);
            if (sessions.Values.FirstOrDefault(s => s.Sender == sender && s.IsOpen) is not { } session) return;
            var log = session.Activity;
            // Polling (the feed every half second) would fill the log: a repeat of the last read is kept as its latest.
            if (activity.Method == "GET" && log.Count > 0 && log[^1] is { Method: "GET" } last && last.Path == activity.Path && last.Status == activity.Status)
                log = [.. log.Take(log.Count - 1), activity];
            else if (log.Count >= MaxActivity) return;
            else log = [.. log, activity];
            session = session with { Activity = log };
            sessions[session.Id] = session;
            await SaveAsync(sessions, session, ct);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Forgets every session (the control plane's reset emptied the store and the registry).</summary>
    public void Clear()
    {
        _gate.Wait();
        try
        {
            _sessions = new Dictionary<string, CertificationSession>(StringComparer.Ordinal);
            _openSenders = new HashSet<string>(StringComparer.Ordinal);
            clock.SetOffsets([]);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Reads the stored sessions at start-up: their clock offsets apply (and their open steps' fault rules return)
    /// before the server takes requests or processes what was pending.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try { await LoadedAsync(ct); }
        finally { _gate.Release(); }
    }

    private static readonly SeedContract InForce = new() { From = new DateOnly(2020, 1, 1), To = new DateOnly(2099, 12, 31), Status = "active" };

    private static SeedTvan Sender(string code, string name, string apiKey, string? callbackUrl, SeedContract? contract) => new()
    {
        Code = code, Name = name, ApiKey = apiKey, CallbackUrl = string.IsNullOrWhiteSpace(callbackUrl) ? null : callbackUrl, Contract = contract,
    };

    private static string Hashed(string key) =>
        ReferenceData.HashedKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static void Text(string? value, string field, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add($"{field}: required");
        else if (value.Length > 200) problems.Add($"{field}: at most 200 characters");
        else if (value.Any(char.IsControl)) problems.Add($"{field}: no control characters");
    }

    private static string FreshTaxCode(ReferenceData current, string? not = null)
    {
        while (true)
        {
            var nine = "0" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)[..8];
            if (TaxCode.CheckDigit(nine) is null) continue;
            var mst = TaxCode.Create(nine).Value;
            if (mst != not && current.Taxpayer(mst) is null && !current.Tvans.ContainsKey("V" + mst) && !current.Tvans.ContainsKey("K" + mst))
                return mst;
        }
    }

    private const string BlockAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private static string FreshBlock(ReferenceData current)
    {
        while (true)
        {
            var block = RandomNumberGenerator.GetString(BlockAlphabet, CodeBlock.Length);
            if (CodeBlock.IsValid(block) && current.BlockOwner(block) is null) return block;
        }
    }

    private async Task<Dictionary<string, CertificationSession>> LoadedAsync(CancellationToken ct)
    {
        if (_sessions is not null) return _sessions;
        var index = await store.GetSettingAsync(SettingKey, ct);
        var list = new List<CertificationSession>();
        foreach (var id in index is null ? [] : JsonSerializer.Deserialize<List<string>>(index, Json) ?? [])
            if (await store.GetSettingAsync(SettingKey + "." + id, ct) is { } one && JsonSerializer.Deserialize<CertificationSession>(one, Json) is { } s)
                list.Add(s);
        _sessions = list.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _openSenders = list.Where(s => s.IsOpen).Select(s => s.Sender).ToHashSet(StringComparer.Ordinal);
        PublishOffsets(_sessions);
        // Fault rules live in memory: the open steps of a restarted server get theirs again.
        foreach (var s in list.Where(s => s.IsOpen && s.Current < s.Steps.Count))
            if (plans.Find(s.PlanId) is { } plan)
                _sessions[s.Id] = s with { Steps = [.. s.Steps.Select((st, i) => i == s.Current ? st with { FaultIds = AddFaults(s, plan.Steps[i]) } : st)] };
        return _sessions;
    }

    /// <summary>Persists one session (its own setting) and the index of sessions.</summary>
    private async Task SaveAsync(Dictionary<string, CertificationSession> sessions, CertificationSession changed, CancellationToken ct)
    {
        _openSenders = sessions.Values.Where(s => s.IsOpen).Select(s => s.Sender).ToHashSet(StringComparer.Ordinal);
        await store.SetSettingAsync(SettingKey + "." + changed.Id, JsonSerializer.Serialize(changed, Json), ct);
        await store.SetSettingAsync(SettingKey, JsonSerializer.Serialize(sessions.Values.OrderBy(s => s.StartedAt).Select(s => s.Id).ToList(), Json), ct);
    }
}
