using System.Text.Json.Serialization;

namespace ConformanceKit.AuthorityContract;

/// <summary>POST /admin/v1/seed: how many taxpayers and T-VANs the registry holds now.</summary>
public sealed record SeedResult(int Taxpayers, int Tvans);

/// <summary>POST /admin/v1/reset: always <c>reset: true</c>, and the registry's size after reloading the start-up seed.</summary>
public sealed record ResetResult(bool Reset, int Taxpayers, int Tvans);

/// <summary>
/// GET, PUT /admin/v1/clock and POST /admin/v1/clock/advance. <see cref="Now"/> is Vietnam time with milliseconds,
/// <c>2025-06-15T09:00:00.000+07:00</c>; <see cref="Real"/> is true while the clock follows the real one.
/// </summary>
public sealed record ClockView(string Now, double Rate, bool Real, double ProcessingDelaySeconds, double NoticeDeadlineSeconds)
{
    /// <summary><see cref="Now"/> parsed.</summary>
    [JsonIgnore]
    public DateTimeOffset NowValue => DateTimeOffset.Parse(Now, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// PUT /admin/v1/clock: each part optional (null = unchanged): the simulated time (2000-01-01 … 2199-12-31 UTC), its
/// rate (0 freezes it, up to 10000) and the processing delay before a 204 (0–900 s).
/// </summary>
public sealed record ClockChange(DateTimeOffset? Now = null, double? Rate = null, double? ProcessingDelaySeconds = null);

/// <summary>POST /admin/v1/clock/advance: seconds of simulated time, &gt; 0 and at most a year.</summary>
public sealed record ClockAdvance(double Seconds);

/// <summary>GET /admin/v1/journal: one page of entries and the cursor to ask for the next (<c>after=</c>).</summary>
public sealed record JournalPage(IReadOnlyList<JournalView> Entries, long Next);

/// <summary>
/// One journal line: a message in or out. Times are the simulated clock's (<see cref="At"/>, Vietnam time) and the real
/// one (<see cref="WallAt"/>, ISO 8601 round-trip). A property that does not apply is left out on the wire.
/// </summary>
public sealed record JournalView
{
    public long Seq { get; init; }
    public required string At { get; init; }
    public required string WallAt { get; init; }

    /// <summary>"in" or "out".</summary>
    public required string Direction { get; init; }

    /// <summary>MLTDiep (206, 999, 204, 100, 102, 103, 302, …).</summary>
    public required string Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? MessageId { get; init; }

    /// <summary>The MTDiep an outgoing message answers.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ReplyTo { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Mst { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Tvan { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? HttpStatus { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Outcome { get; init; }

    /// <summary>For a 204/102/103: simulated seconds since receipt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? LatencySeconds { get; init; }

    /// <summary>For a 204/102/103: real milliseconds since receipt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? LatencyMs { get; init; }

    /// <summary><see cref="At"/> parsed: the simulated time of the line.</summary>
    [JsonIgnore]
    public DateTimeOffset AtValue => DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A message received.</summary>
    [JsonIgnore]
    public bool IsIn => Direction == "in";

    /// <summary>A message sent.</summary>
    [JsonIgnore]
    public bool IsOut => Direction == "out";
}

/// <summary>POST /admin/v1/reconciliation: the month to run Step 2 for, <c>yyyy-MM</c> (2000-01 … 2199-12).</summary>
public sealed record ReconciliationRequest(string? Month);

/// <summary>POST /admin/v1/reconciliation: what Step 2 found and which 302s it sent.</summary>
public sealed record ReconciliationResult(
    string Month, int InvoicesChecked, int TaxpayersWithFindings,
    IReadOnlyList<ReconciliationFinding> Findings, IReadOnlyList<ReconciliationNotice> Notices);

/// <summary>One invoice of the month and why it must be explained (8001–8005). Absent parts are left out on the wire.</summary>
public sealed record ReconciliationFinding
{
    public required string Code { get; init; }
    public required string Mst { get; init; }
    public required string InvoiceCode { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Form { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Series { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Number { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateOnly? IssuedOn { get; init; }

    /// <summary>Vietnamese text of the code, " / ", an English detail (the 302's MTa).</summary>
    public required string Message { get; init; }

    /// <summary>The MTDiep of the package that carried the invoice.</summary>
    public required string MessageId { get; init; }
}

/// <summary>A 302 sent: to which taxpayer and T-VAN, answering which package, covering which invoice codes.</summary>
public sealed record ReconciliationNotice(string MessageId, string Mst, string Tvan, string ReplyTo, IReadOnlyList<string> Invoices);

/// <summary>
/// GET /health: <c>{"status":"ok", "store", "messages", "pending", "invoices", "queued", "processed", "idle"}</c> with 200
/// once start-up is done; <c>{"status":"starting"}</c> with 503 before. <c>processed</c> counts the messages whose data
/// check finished since the simulator started; <c>idle</c> is true when nothing is queued, being processed or pending —
/// what a test waits for instead of sleeping.
/// </summary>
public sealed record HealthView
{
    public required string Status { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Store { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Messages { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Pending { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Invoices { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Queued { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Processed { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Idle { get; init; }

    [JsonIgnore]
    public bool IsReady => Status == "ok";
}
