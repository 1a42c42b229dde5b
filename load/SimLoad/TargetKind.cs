namespace ConformanceKit.Load.SimLoad;

/// <summary>What the load is offered to.</summary>
public enum TargetKind
{
    /// <summary>Bare Kestrel in the runner: reads the body, answers a fixed 999. No 204s.</summary>
    Ceiling,

    /// <summary>The in-runner fake simulator (999 at once, 204 after a delay in an inbox feed).</summary>
    SelfTest,

    /// <summary>An already running simulator at --target.</summary>
    Url,

    /// <summary>The simulator started by the runner on its embedded SQLite store.</summary>
    Sqlite,

    /// <summary>The simulator started by the runner on PostgreSQL (--pg, or a throwaway cluster).</summary>
    Postgres,
}

public static class TargetKindNames
{
    public static string Label(this TargetKind kind) => kind switch
    {
        TargetKind.Ceiling => "ceiling",
        TargetKind.SelfTest => "self-test",
        TargetKind.Url => "target",
        TargetKind.Sqlite => "sqlite",
        TargetKind.Postgres => "postgres",
        _ => kind.ToString(),
    };

    /// <summary>Whether the target produces 204s (everything but the ceiling).</summary>
    public static bool Has204(this TargetKind kind) => kind != TargetKind.Ceiling;
}
