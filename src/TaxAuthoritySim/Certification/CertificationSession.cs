namespace ConformanceKit.TaxAuthoritySim.Certification;

/// <summary>
/// One vendor's certification session, as the certifier created it: who is certified, under which plan, with which
/// sender (a T-VAN V+MST, or a directly connected taxpayer K+MST), taxpayer and code block. The key the vendor's
/// system uses is shown once at creation and kept only as its SHA-256 (in the registry, as the sender's key).
/// Persisted in the store (setting <see cref="CertificationService.SettingKey"/>.{id}; the index of ids under the key itself).
/// </summary>
public sealed record CertificationSession
{
    public required string Id { get; init; }
    public required string VendorName { get; init; }
    public required string SystemName { get; init; }
    public required string SystemVersion { get; init; }
    public required string PlanId { get; init; }
    public required string PlanVersion { get; init; }

    /// <summary>MNGui the vendor's system must use: V+MST (T-VAN) or K+MST (direct).</summary>
    public required string Sender { get; init; }

    /// <summary>The session's taxpayer (seller).</summary>
    public required string TaxCode { get; init; }

    /// <summary>Code blocks issued to the taxpayer when the session was created.</summary>
    public required IReadOnlyList<string> Blocks { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset SimulatedStart { get; init; }

    /// <summary>How far the session's own clock is ahead of the simulator's (advanced by the certifier for this session
    /// alone): its sender's simulated time is the simulator's clock plus this.</summary>
    public TimeSpan ClockOffset { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DateTimeOffset? SimulatedEnd { get; init; }

    /// <summary>Index of the open step; equal to the step count when every step ended.</summary>
    public int Current { get; init; }

    public required IReadOnlyList<StepState> Steps { get; init; }

    /// <summary>What the vendor's system did over HTTP with the session's key (bounded: <see cref="CertificationService.MaxActivity"/>;
    /// a read repeating the one before it, such as polling the feed, replaces it).</summary>
    public IReadOnlyList<Activity> Activity { get; init; } = [];

    public bool IsOpen => EndedAt is null;
}

/// <summary>A step's progress: when it started and ended, its verdict and reasons, and the fault rules it added.</summary>
public sealed record StepState
{
    public required string StepId { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public string? Verdict { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Messages { get; init; } = [];

    /// <summary>Ids of the fault rules the step added (removed when it ends), and how often each fired by then.</summary>
    public IReadOnlyList<string> FaultIds { get; init; } = [];
}

/// <summary>
/// One request of the vendor's system: when (real and simulated), what (method, path), how it was answered, and for a
/// posted message its MTDiep, type, SHA-256 and the invoice codes it carried.
/// </summary>
public sealed record Activity
{
    public required DateTimeOffset At { get; init; }
    public required DateTimeOffset SimulatedAt { get; init; }
    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>HTTP status; 0 when the connection was closed without an answer.</summary>
    public int Status { get; init; }

    public string? MessageId { get; init; }
    public string? MessageType { get; init; }
    public string? Sha256 { get; init; }
    public IReadOnlyList<string> Codes { get; init; } = [];
}
