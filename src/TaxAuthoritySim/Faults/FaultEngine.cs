namespace ConformanceKit.TaxAuthoritySim.Faults;

/// <summary>Where a request or response stands when faults are consulted.</summary>
public sealed record FaultContext(string Route, string? MessageType, string? Mst, string? Tvan);

/// <summary>
/// Holds the fault rules and decides, per event, which fire. Randomness is seeded so a run with
/// the same rules and traffic fires the same faults.
/// </summary>
public sealed class FaultEngine
{
    private static readonly FaultAction[] RequestActions =
        [FaultAction.Delay999, FaultAction.Status500, FaultAction.Status503, FaultAction.CloseConnection];

    private static readonly FaultAction[] NoticeActions = [FaultAction.Delay204, FaultAction.Drop204, FaultAction.Duplicate204];

    private readonly Lock _gate = new();
    private readonly List<Entry> _rules = [];
    private Random _random = new(1);
    private int _nextId = 1;

    private sealed class Entry(FaultRule rule)
    {
        public FaultRule Rule = rule;
        public int Matched;
        public int Fired;
    }

    /// <summary>Bounds the memory and the per-request work of the rules.</summary>
    public const int MaxRules = 1000;

    /// <summary>Adds the rule, or null when <see cref="MaxRules"/> are already there.</summary>
    public FaultRule? TryAdd(FaultRule rule)
    {
        lock (_gate)
        {
            if (_rules.Count >= MaxRules) return null;
            var stored = rule with { Id = rule.Id ?? $"f{_nextId++}", Matched = 0, Fired = 0 };
            _rules.Add(new Entry(stored));
            return stored;
        }
    }

    /// <summary>Removes the rules with these ids (a certification step's own rules when the step ends).</summary>
    public void Remove(IReadOnlyCollection<string> ids)
    {
        lock (_gate) _rules.RemoveAll(e => e.Rule.Id is { } id && ids.Contains(id));
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (_gate) return [.. _rules.Select(e => e.Rule with { Matched = e.Matched, Fired = e.Fired })];
    }

    public void Clear(int? seed = null)
    {
        lock (_gate)
        {
            _rules.Clear();
            if (seed is { } s) _random = new Random(s);
        }
    }

    public void Reseed(int seed)
    {
        lock (_gate) _random = new Random(seed);
    }

    /// <summary>Faults that act on an incoming request (delay, 500/503, close).</summary>
    public IReadOnlyList<FaultRule> OnRequest(FaultContext context) => Fire(context, RequestActions);

    /// <summary>Faults that act on a 204 being produced (delay, drop, duplicate).</summary>
    public IReadOnlyList<FaultRule> OnNotice(FaultContext context) => Fire(context, NoticeActions);

    public bool IsEmpty
    {
        get { lock (_gate) return _rules.Count == 0; }
    }

    private List<FaultRule> Fire(FaultContext context, FaultAction[] actions)
    {
        lock (_gate)
        {
            if (_rules.Count == 0) return [];
            var fired = new List<FaultRule>();
            var answered = false;
            foreach (var e in _rules)
            {
                var r = e.Rule;
                if (!actions.Contains(r.Action) || !Matches(r, context)) continue;
                // One request gets one answer: after a 500/503/close fires, later such rules wait for the next request.
                var terminal = r.Action is FaultAction.Status500 or FaultAction.Status503 or FaultAction.CloseConnection;
                if (terminal && answered) continue;
                e.Matched++;
                if (r.FirstN is { } n && e.Fired >= n) continue;
                if (r.Probability is { } p && _random.NextDouble() >= p) continue;
                e.Fired++;
                fired.Add(r);
                answered |= terminal;
            }
            return fired;
        }
    }

    private static bool Matches(FaultRule r, FaultContext c) =>
        (r.Route is null || c.Route.StartsWith(r.Route, StringComparison.OrdinalIgnoreCase))
        && (r.MessageType is null || r.MessageType == c.MessageType)
        && (r.Mst is null || r.Mst == c.Mst)
        && (r.Tvan is null || r.Tvan == c.Tvan);
}
