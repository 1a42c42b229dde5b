using System.Net;
using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Features.Support;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.Features.Drivers;

public sealed record Sent(HttpStatusCode Status, TechnicalAck? Ack, byte[] Body, TimeSpan? RetryAfter = null);

/// <summary>
/// The tax authority as seen by a T-VAN and a buyer: HTTP only, through the contract's typed clients
/// (src/AuthorityContract), every exchange logged.
/// </summary>
public sealed class SimulatorDriver(HttpLog log) : IAsyncDisposable
{
    private static readonly Lazy<Task> RemoteReset = new(ResetRemoteOnceAsync);
    private SimulatorFactory? _simulator;
    private InProcessSimulator? _served;
    private HttpClient? _client;

    private HttpClient Client => _client ?? throw new InvalidOperationException("the simulator is not started (SimulatorHooks)");

    /// <summary>The control plane, with the admin key.</summary>
    private AuthorityAdminClient Admin => new(Client, TargetSettings.AdminKey);

    /// <summary>The T-VAN side, with the current T-VAN's key (or <paramref name="apiKey"/>).</summary>
    private AuthorityTvanClient Tvan(string? apiKey = null) => new(Client, apiKey ?? TvanKey);

    /// <summary>The API key of the T-VAN the scenario acts as (the demo T-VAN unless <see cref="UseTvan"/> switched).</summary>
    public string TvanKey { get; private set; } = TargetSettings.TvanKey;

    /// <summary>Acts as another T-VAN from now on: sending, responses and inbox use its key.</summary>
    public void UseTvan(string apiKey) => TvanKey = apiKey;

    /// <summary>A fresh in-process simulator, or the CK_TARGET endpoint (reset once per run, then isolated by fresh codes).</summary>
    public async Task StartAsync()
    {
        if (TargetSettings.Target is { } target)
        {
            await RemoteReset.Value;
            var handler = log.CreateHandler();
            handler.InnerHandler = new HttpClientHandler();
            _client = new HttpClient(handler) { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
            return;
        }
        _simulator = new SimulatorFactory();
        _client = _simulator.CreateDefaultClient(new Uri("http://localhost/"), log.CreateHandler());
    }

    /// <summary>
    /// A fresh simulator served on a loopback port (or the CK_TARGET endpoint): pipeline scenarios need one a provider
    /// and a browser reach over real HTTP, as they would reach the real portal.
    /// </summary>
    public async Task StartServedAsync()
    {
        if (TargetSettings.Target is not null) { await StartAsync(); return; }
        _served = await InProcessSimulator.StartAsync();
        var handler = log.CreateHandler();
        handler.InnerHandler = new HttpClientHandler();
        _client = new HttpClient(handler) { BaseAddress = _served.Address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where a provider, a buyer or a browser reaches the authority (a served simulator or CK_TARGET).</summary>
    public Uri Address => TargetSettings.Target ?? _served?.Address
        ?? throw new InvalidOperationException("this scenario's simulator has no address: tag the scenario @pipeline to serve it on a port");

    /// <param name="apiKey">null = the current T-VAN's key (<see cref="TvanKey"/>).</param>
    public async Task<Sent> SendAsync(byte[] package, string? apiKey = null)
    {
        try
        {
            var sent = await Tvan(apiKey).SendAsync(package);
            return new Sent(sent.Status, MessageReader.Read<TechnicalAck>(sent.Body), sent.Body);
        }
        catch (AuthorityApiException refused)
        {
            // 401, 429, 500, 503 …: answers a scenario looks at, not failures of the driver.
            return new Sent(refused.Status, null, System.Text.Encoding.UTF8.GetBytes(refused.Body), refused.RetryAfter);
        }
    }

    /// <summary>True when this driver runs its own in-process simulator (not the shared CK_TARGET endpoint).</summary>
    public bool OwnsSimulator => _simulator is not null || _served is not null;

    /// <summary>Sets the simulated clock (control plane): the time, its rate (0 = frozen) and the processing delay of 204s.</summary>
    public Task SetClockAsync(DateTimeOffset now, double rate, int processingDelaySeconds) =>
        Admin.SetClockAsync(new ClockChange(now, rate, processingDelaySeconds));

    /// <summary>Moves the simulated clock forward.</summary>
    public Task AdvanceClockAsync(int seconds) => Admin.AdvanceClockAsync(seconds);

    /// <summary>Lays a seed document (taxpayers, T-VANs; contract.md) on top of the authority's registry.</summary>
    public Task SeedAsync(SeedDocument seed) => Admin.SeedAsync(seed);

    /// <summary>Adds a fault rule (docs/simulator.md, "Fault rules").</summary>
    public Task AddFaultAsync(FaultRule rule) => Admin.AddFaultAsync(rule);

    /// <summary>Runs the monthly Step 2 for <paramref name="month"/> (yyyy-MM): what it found and the 302s it sent.</summary>
    public Task<ReconciliationResult> ReconcileAsync(string month) => Admin.ReconcileAsync(month);

    /// <summary>Every response to a message so far (999, 204, …), oldest first.</summary>
    public async Task<IReadOnlyList<byte[]>> ResponsesAsync(string messageId) => (await Tvan().ResponsesAsync(messageId)).Messages;

    /// <summary>The data-check notices (204) answering a message, waiting (real time) until there is at least one.</summary>
    public async Task<IReadOnlyList<DataCheckNotice>> NoticesAsync(string messageId, TimeSpan? timeout = null)
    {
        var notices = await Eventually.ValueAsync(
            async () => (await ResponsesAsync(messageId)).Select(r => MessageReader.Read(r)).OfType<DataCheckNotice>().ToList(),
            n => n.Count > 0, timeout);
        return notices.Count > 0 ? notices : throw new TimeoutException($"no data-check notice (204) for {messageId} within the timeout");
    }

    /// <summary>The first response of a type (102, 103, …) to a message, waiting (real time) until it comes.</summary>
    public Task<T> ResponseAsync<T>(string messageId, TimeSpan? timeout = null) where T : Message =>
        Eventually.SomeAsync(async () => (await ResponsesAsync(messageId)).Select(r => MessageReader.Read(r)).OfType<T>().FirstOrDefault(),
            $"a {typeof(T).Name} for {messageId}", timeout);

    /// <summary>
    /// Waits (real time) until the message's invoices are stored — one transaction stores them all, so polling the first
    /// suffices; false when the timeout passes first.
    /// </summary>
    public Task<bool> WaitUntilStoredAsync(string taxCode, string firstInvoiceCode, string messageId, TimeSpan? timeout = null) =>
        Eventually.TryUntilAsync(async () => await LookUpAsync(taxCode, firstInvoiceCode) == messageId, timeout);

    /// <summary>
    /// The codes that the message did not store, once the first of them is stored (one transaction stores them all) or
    /// the timeout passed: empty when the message stored every one.
    /// </summary>
    public async Task<IReadOnlyList<string>> NotStoredByAsync(string taxCode, IReadOnlyList<string> codes, string messageId)
    {
        await WaitUntilStoredAsync(taxCode, codes[0], messageId);
        var missing = new List<string>();
        foreach (var code in codes)
            if (await LookUpAsync(taxCode, code) != messageId) missing.Add(code);
        return missing;
    }

    /// <summary>The review notice (302) the reconciliation sent, which must answer one of <paramref name="messageIds"/>.</summary>
    public async Task<ReviewNotice> ReviewNoticeAsync(ReconciliationResult result, IReadOnlyCollection<string> messageIds)
    {
        var replyTo = result.Notices.Select(n => n.ReplyTo).Single();
        return messageIds.Contains(replyTo) ? await ResponseAsync<ReviewNotice>(replyTo)
            : throw new InvalidOperationException($"the review notice answers {replyTo}, none of [{string.Join(", ", messageIds)}]");
    }

    /// <summary>The buyer's look-up: the MTDiep of the package that stored the invoice, or null when not stored.</summary>
    public async Task<string?> LookUpAsync(string taxCode, string invoiceCode)
    {
        // As the T-VAN: it sees the invoices it sent without the buyer's total (a buyer would give ?total=).
        return (await Tvan().LookUpAsync(taxCode, invoiceCode))?.MessageId;
    }

    /// <summary>Waits until the authority has processed everything it took (its /health says idle).</summary>
    public Task WaitUntilIdleAsync() => SimulatorHealth.IdleAsync(Client, TimeSpan.FromSeconds(30));

    private static async Task ResetRemoteOnceAsync()
    {
        if (!TargetSettings.HasControlPlane) return; // no CK_ADMIN_KEY: no reset; scenarios keep apart by fresh codes
        using var client = new HttpClient { BaseAddress = TargetSettings.Target, Timeout = TimeSpan.FromSeconds(30) };
        await new AuthorityAdminClient(client, TargetSettings.AdminKey).ResetAsync();
    }

    /// <summary>Idempotent: Support/ScenarioCleanup calls it after each scenario.</summary>
    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (Interlocked.Exchange(ref _simulator, null) is { } simulator) await simulator.DisposeAsync();
        if (Interlocked.Exchange(ref _served, null) is { } served) await served.DisposeAsync();
    }

    /// <summary>The messages of a type (206, 100 …) the authority has received so far, from its journal (control plane).</summary>
    public async Task<IReadOnlyList<JournalView>> ReceivedAsync(string type, string? taxCode = null) =>
        [.. (await Admin.GetJournalAsync(taxCode, type, limit: 1000)).Entries.Where(e => e.IsIn)];

    /// <summary>Watches the journal for <paramref name="window"/>: the messages of a type received meanwhile, none if none came.</summary>
    public Task<IReadOnlyList<JournalView>> ReceivedWithinAsync(string type, TimeSpan window) =>
        Eventually.ValueAsync(() => ReceivedAsync(type), r => r.Count > 0, window);
}
