using System.Text.Json;

namespace ConformanceKit.Harness.Catalogue;

/// <summary>
/// One conformance case, as written in the catalogue's JSON files (Catalogue/Cases/*.json): what it checks, the
/// rule it comes from, what must hold before it, the messages it sends and what the target must answer.
/// </summary>
public sealed record ConformanceCase
{
    /// <summary>e.g. KTDL-2002-01: area, code or topic, number.</summary>
    public required string Id { get; init; }
    public required LocalizedText Title { get; init; }

    /// <summary>Where the rule comes from (Decision 1391 step and check, a decree article, seed 000's failure class).</summary>
    public required string Rule { get; init; }

    /// <summary>"positive": valid input must pass; "negative": a defect must be caught.</summary>
    public required string Polarity { get; init; }

    /// <summary>The code or topic the case covers ("4001", "15-minute bound", "callback" …), for the coverage check.</summary>
    public required string Covers { get; init; }

    /// <summary>Set from the file the case is in (reception, data-check, flow, seed-000).</summary>
    public string Group { get; set; } = "";

    /// <summary>Changes global state of the target (clock, faults): runs alone, after the parallel part.</summary>
    public bool Exclusive { get; init; }

    public Preconditions? Given { get; init; }

    public required IReadOnlyList<CaseStep> Steps { get; init; }
}

public sealed record LocalizedText(string En, string Vi);

/// <summary>State the target must be in before the steps: the simulated clock, fault rules, a failing callback receiver.</summary>
public sealed record Preconditions
{
    /// <summary>Sets the clock: frozen (rate 0) or running, with a processing delay for 204s.</summary>
    public ClockPrecondition? Clock { get; init; }

    /// <summary>Fault rules, posted as they are to /admin/v1/faults (placeholders expanded).</summary>
    public IReadOnlyList<JsonElement> Faults { get; init; } = [];

    /// <summary>The callback receiver answers 500 to the first N posts of this case's T-VAN.</summary>
    public int CallbackFailFirst { get; init; }
}

public sealed record ClockPrecondition(double Rate = 0, int ProcessingDelaySeconds = 0);

/// <summary>
/// One step: send something, resend something sent earlier, move the clock or clear the faults; then check
/// what the target answered.
/// </summary>
public sealed record CaseStep
{
    /// <summary>A short description of the step for reports.</summary>
    public string? Name { get; init; }

    public SendSpec? Send { get; init; }
    public ResendSpec? Resend { get; init; }

    /// <summary>Simulated seconds to move the clock forward.</summary>
    public int? AdvanceClockSeconds { get; init; }

    /// <summary>Remove every fault rule (e.g. the service "comes back").</summary>
    public bool ClearFaults { get; init; }

    /// <summary>Check the expectation again for the message sent under this alias (after the clock moved, say).</summary>
    public string? Check { get; init; }

    /// <summary>Run the monthly Step 2 (POST /admin/v1/reconciliation) for the month of the run's invoices; expect its findings.</summary>
    public bool Reconcile { get; init; }

    public Expectation? Expect { get; init; }
}

/// <summary>What to send: a 206 package, a 303 notice, a 100 registration or raw bytes; by which T-VAN.</summary>
public sealed record SendSpec
{
    public PackageSpec? Package { get; init; }

    /// <summary>A 303 (Form 04/SS-HĐĐT) about invoices of packages sent earlier in the case.</summary>
    public NoticeSpec? Notice { get; init; }

    public RegistrationSpec? Registration { get; init; }
    public RawSpec? Raw { get; init; }

    /// <summary>Name to refer to this message in later steps.</summary>
    public string? As { get; init; }

    /// <summary>The sending T-VAN's code (default: the catalogue's main T-VAN); its key comes from the catalogue seed.</summary>
    public string? Tvan { get; init; }

    /// <summary>Send with this API key instead of the T-VAN's (a wrong key).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Post to this path instead of api/v1/messages (a wrong URL).</summary>
    public string? Path { get; init; }
}

/// <summary>
/// A 206 package built for a taxpayer of the catalogue seed, then spoiled by <see cref="Mutations"/>: the valid
/// document annotated with the mutation and, in the expectation, the code it must draw.
/// </summary>
public sealed record PackageSpec
{
    public int Invoices { get; init; } = 3;

    /// <summary>Seller MST (default: the catalogue's main taxpayer).</summary>
    public string? Taxpayer { get; init; }

    /// <summary>Code block C5–C9 (default: the taxpayer's first block in the seed; "{issued:alias}" = the block a 103 issued).</summary>
    public string? Block { get; init; }

    /// <summary>"taxpayer" (its own certificate), "none", "mst:&lt;MST&gt;" (another taxpayer's), "expired", "expired-now" (valid at signing, expired today).</summary>
    public string Signer { get; init; } = "taxpayer";

    /// <summary>Every invoice of this form (1 VAT, 2 sales) instead of the usual mix.</summary>
    public int? Form { get; init; }

    /// <summary>A shape production senders use ("web-pos", "template-sender", …; Einvoice's ProductionShapes), or null for the kit's own.</summary>
    public string? Shape { get; init; }

    public IReadOnlyList<Mutation> Mutations { get; init; } = [];

    /// <summary>Invoices of this package that replace or adjust another invoice (TTHDLQuan).</summary>
    public IReadOnlyList<RelationSpec> Related { get; init; } = [];
}

/// <summary>
/// Invoice <see cref="Invoice"/> of the package replaces or adjusts (TTHDLQuan TCHDon 1 or 2) invoice <see cref="Target"/>
/// of the package sent as <see cref="Of"/> (or of this package when <see cref="Of"/> is null).
/// </summary>
public sealed record RelationSpec
{
    /// <summary>1-based index of the invoice in this package.</summary>
    public int Invoice { get; init; } = 1;

    /// <summary>"replace" (TCHDon 1) or "adjust" (TCHDon 2).</summary>
    public required string Kind { get; init; }

    /// <summary>Alias of an earlier package; null = this package.</summary>
    public string? Of { get; init; }

    /// <summary>1-based index of the named invoice in that package.</summary>
    public int Target { get; init; } = 1;
}

/// <summary>A 303 (Form 04/SS-HĐĐT), signed by the seller, about invoices sent earlier in the case.</summary>
public sealed record NoticeSpec
{
    /// <summary>The notifying seller (default: the catalogue's main taxpayer).</summary>
    public string? Taxpayer { get; init; }

    /// <summary>"taxpayer" or "none" (unsigned).</summary>
    public string Signer { get; init; } = "taxpayer";

    public required IReadOnlyList<NoticeEntrySpec> Entries { get; init; }

    /// <summary>Paths are under /TDiep/DLieu/TBao/DLTBao (e.g. DSHDon/HDon[1]/LDo).</summary>
    public IReadOnlyList<Mutation> Mutations { get; init; } = [];
}

/// <summary>One invoice of a 303: invoice <see cref="Invoice"/> of the package sent as <see cref="Of"/>, and what is done about it.</summary>
public sealed record NoticeEntrySpec
{
    public required string Of { get; init; }
    public int Invoice { get; init; } = 1;

    /// <summary>TCTBao: "cancel" (1), "adjust" (2), "replace" (3), "explain" (4).</summary>
    public required string Action { get; init; }

    /// <summary>LDo, the reason.</summary>
    public string Reason { get; init; } = "Hóa đơn lập sai thông tin";
}

/// <summary>
/// A change to a valid document. Paths are XPath over the wire XML (Vietnamese element names, no namespace),
/// e.g. /TDiep/DLieu/HDon[1]/MCCQT. Stage "unsigned" (default) edits before signing; "signed" edits the signed
/// bytes (breaking the signature).
/// </summary>
public sealed record Mutation
{
    /// <summary>set (element text), remove (element), copy (text of From into Path), replace (text From → To), rename (element to Value), insert (element Value as XML after Path).</summary>
    public required string Op { get; init; }
    public string? Path { get; init; }
    public string? Value { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string Stage { get; init; } = "unsigned";

    /// <summary>Why this mutation breaks the rule, shown in reports.</summary>
    public string? Note { get; init; }
}

/// <summary>A registration (100, Form 01/ĐKTĐ-HĐĐT) asking to use cash-register invoices.</summary>
public sealed record RegistrationSpec(string Taxpayer, bool CashRegister = true);

/// <summary>Bytes that are not a valid message at all.</summary>
public sealed record RawSpec
{
    /// <summary>The body as text (UTF-8).</summary>
    public string? Text { get; init; }

    /// <summary>A body of this many bytes (spaces).</summary>
    public int? Bytes { get; init; }
}

/// <summary>Resend a message of an earlier step.</summary>
public sealed record ResendSpec
{
    /// <summary>The alias of the earlier message.</summary>
    public required string Of { get; init; }

    /// <summary>"same-bytes" (a replay), "same-id-other-content" (the MTDiep reused), "same-invoices-new-id" (the same invoices again), "fixed-new-id" (the same invoices, mutations undone and signed, under a new MTDiep).</summary>
    public required string Mode { get; init; }

    public string? As { get; init; }
}

/// <summary>What the target must answer to the step's message. Unset members are not checked.</summary>
public sealed record Expectation
{
    /// <summary>HTTP status of the answer to the post.</summary>
    public int? Http { get; init; }

    /// <summary>The 999's TTTNhan: 0 taken, 1 refused.</summary>
    public int? Ack { get; init; }

    /// <summary>The exact set of reason codes in a refusing 999.</summary>
    public IReadOnlyList<string>? AckCodes { get; init; }

    /// <summary>The 999 is byte-identical to the one answering this alias (a replay).</summary>
    public string? SameAckAs { get; init; }

    public NoticeExpectation? Notice { get; init; }

    /// <summary>No 204 arrives for the message within this many seconds of real time.</summary>
    public double? NoNoticeWithinSeconds { get; init; }

    /// <summary>Every invoice of the package can (true) or cannot (false) be looked up.</summary>
    public bool? Stored { get; init; }

    public RegistrationExpectation? Registration { get; init; }

    /// <summary>Response types the T-VAN's callback receiver must get for the message (e.g. ["999","204"]).</summary>
    public IReadOnlyList<string>? Callback { get; init; }

    /// <summary>The 301 answering a 303: one verdict per invoice of the notice, in its order.</summary>
    public IReadOnlyList<ReplyExpectation>? Reply { get; init; }

    /// <summary>
    /// After a reconcile step: the Step 2 findings on the invoices this case sent, exactly (an empty list: none), each
    /// also in a signed 302.
    /// </summary>
    public IReadOnlyList<FindingExpectation>? Findings { get; init; }
}

/// <summary>The 301's verdict on one invoice of the 303: TTTNCCQT and the exact set of MLoi.</summary>
public sealed record ReplyExpectation
{
    /// <summary>TTTNCCQT 1 (true) or 2 (false).</summary>
    public required bool Accepted { get; init; }

    public IReadOnlyList<string> Codes { get; init; } = [];
}

/// <summary>Step 2 flags invoice <see cref="Invoice"/> of the package sent as <see cref="Of"/> with exactly <see cref="Codes"/>.</summary>
public sealed record FindingExpectation
{
    public required string Of { get; init; }
    public int Invoice { get; init; } = 1;
    public required IReadOnlyList<string> Codes { get; init; }
}

/// <summary>The data-check notice (204).</summary>
public sealed record NoticeExpectation
{
    /// <summary>LTBao: 2 valid, 7 rejected.</summary>
    public required int Ltbao { get; init; }

    /// <summary>The exact set of MLoi codes (empty for LTBao 2).</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];

    /// <summary>Every error's GChu carries "dòng line:column" (schema errors).</summary>
    public bool Located { get; init; }

    /// <summary>Exactly this many 204s (1 = not duplicated by a resend).</summary>
    public int Count { get; init; } = 1;

    /// <summary>The 204's time (TGGui) is at most this many simulated seconds after the 999's receipt time; null = 900.</summary>
    public int? WithinSeconds { get; init; }

    /// <summary>The 204 comes later than the 15-minute bound (a fault the client must detect).</summary>
    public bool Late { get; init; }

    /// <summary>Real seconds to wait for it (clock cases advance the clock first).</summary>
    public double WaitSeconds { get; init; } = 20;
}

/// <summary>The answers to a registration: 102 (received or not) and 103 (accepted or not).</summary>
public sealed record RegistrationExpectation
{
    /// <summary>102 THop: 1 received, 2 not received.</summary>
    public int? Receipt { get; init; }

    /// <summary>103: accepted (true) or not (false); null = no 103 expected.</summary>
    public bool? Accepted { get; init; }

    /// <summary>Name under which the issued block is kept for later steps ("{issued:alias}").</summary>
    public string? KeepBlockAs { get; init; }
}
