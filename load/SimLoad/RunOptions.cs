using System.Globalization;

namespace ConformanceKit.Load.SimLoad;

/// <summary>The command line, parsed by hand (every flag is listed in <see cref="HelpText"/>).</summary>
public sealed class RunOptions
{
    public bool Help { get; private set; }
    public string? Target { get; private set; }
    public List<string> StartSim { get; } = [];
    public bool Ceiling { get; private set; }
    public bool SelfTest { get; private set; }
    public string? Pg { get; private set; }
    public string PgBin { get; private set; } = "/usr/lib/postgresql/15/bin";
    public string? SimDll { get; private set; }
    public bool NoBuild { get; private set; }
    public string? SimArtifacts { get; private set; }
    public bool KeepData { get; private set; }
    public double Rate { get; private set; } = 100;
    public double DurationSeconds { get; private set; } = 20;
    public double WarmupSeconds { get; private set; } = 3;
    public int Invoices { get; private set; } = 50;
    public DateOnly? IssueDate { get; private set; }
    public bool NoReset { get; private set; }
    public string ApiKey { get; private set; } = "demo-tvan-key";
    public string AdminKey { get; private set; } = "demo-admin-key";
    public int MaxConnections { get; private set; } = 64;
    public double PollIntervalMs { get; private set; } = 15;
    public double DrainSeconds { get; private set; } = 30;
    public double TimeoutSeconds { get; private set; } = 30;
    public int GenerateThreads { get; private set; } = Environment.ProcessorCount;
    public string? Json { get; private set; }
    public bool FailOnThreshold { get; private set; }
    public bool Timeline { get; private set; }
    public double TargetInvoicesPerSecond { get; private set; } = 5000;
    public double TargetP99ReceiptMs { get; private set; } = 1000;
    public double FakeDelayMs { get; private set; } = 50;
    public int FakeFailEvery { get; private set; }
    public int FakeDropEvery { get; private set; }

    /// <summary>No target flag at all: ceiling, SQLite and PostgreSQL in one run.</summary>
    public bool FullComparison => Target is null && StartSim.Count == 0 && !Ceiling && !SelfTest;

    public static RunOptions Parse(string[] args)
    {
        var o = new RunOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            double Number(double min) => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min
                ? d : throw new ArgumentException($"{arg} needs a number ≥ {min}");
            int Integer(int min) => (int)Math.Round(Number(min));
            switch (arg)
            {
                case "-h" or "--help" or "-?": o.Help = true; break;
                case "--target": o.Target = Value().TrimEnd('/'); break;
                case "--start-sim":
                    foreach (var kind in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        o.StartSim.Add(kind is "sqlite" or "postgres" ? kind : throw new ArgumentException("--start-sim takes sqlite, postgres or both (comma-separated)"));
                    break;
                case "--ceiling": o.Ceiling = true; break;
                case "--self-test": o.SelfTest = true; break;
                case "--pg": o.Pg = Value(); break;
                case "--pg-bin": o.PgBin = Value(); break;
                case "--sim-dll": o.SimDll = Value(); break;
                case "--no-build": o.NoBuild = true; break;
                case "--sim-artifacts": o.SimArtifacts = Value(); break;
                case "--keep-data": o.KeepData = true; break;
                case "--rate": o.Rate = Number(0.001); break;
                case "--duration": o.DurationSeconds = Number(1); break;
                case "--warmup": o.WarmupSeconds = Number(0); break;
                case "--invoices": o.Invoices = Integer(1); break;
                case "--issue-date":
                    o.IssueDate = DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                        ? d : throw new ArgumentException("--issue-date takes yyyy-MM-dd");
                    break;
                case "--no-reset": o.NoReset = true; break;
                case "--api-key": o.ApiKey = Value(); break;
                case "--admin-key": o.AdminKey = Value(); break;
                case "--max-connections": o.MaxConnections = Integer(1); break;
                case "--poll-interval": o.PollIntervalMs = Number(1); break;
                case "--drain": o.DrainSeconds = Number(0); break;
                case "--timeout": o.TimeoutSeconds = Number(1); break;
                case "--generate-threads": o.GenerateThreads = Integer(1); break;
                case "--json": o.Json = Value(); break;
                case "--fail-on-threshold": o.FailOnThreshold = true; break;
                case "--timeline": o.Timeline = true; break;
                case "--target-invoices": o.TargetInvoicesPerSecond = Number(0); break;
                case "--target-p99-receipt-ms": o.TargetP99ReceiptMs = Number(0); break;
                case "--fake-delay-ms": o.FakeDelayMs = Number(0); break;
                case "--fake-fail-every": o.FakeFailEvery = Integer(0); break;
                case "--fake-drop-every": o.FakeDropEvery = Integer(0); break;
                default: throw new ArgumentException($"unknown option {arg} (see --help)");
            }
        }
        if (o.Target is not null && !Uri.TryCreate(o.Target, UriKind.Absolute, out _))
            throw new ArgumentException("--target takes an absolute URL, e.g. http://127.0.0.1:5080");
        return o;
    }

    /// <summary>The targets to run, in order: ceiling first (the reference), then the simulators.</summary>
    public IReadOnlyList<TargetKind> Targets()
    {
        if (FullComparison) return [TargetKind.Ceiling, TargetKind.Sqlite, TargetKind.Postgres];
        var list = new List<TargetKind>();
        if (Ceiling) list.Add(TargetKind.Ceiling);
        if (SelfTest) list.Add(TargetKind.SelfTest);
        if (Target is not null) list.Add(TargetKind.Url);
        foreach (var s in StartSim.Distinct()) list.Add(s == "sqlite" ? TargetKind.Sqlite : TargetKind.Postgres);
        return list;
    }
}
