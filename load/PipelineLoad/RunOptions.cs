using System.Globalization;

namespace ConformanceKit.Load.PipelineLoad;

/// <summary>The command line, parsed by hand (every flag is listed in <see cref="HelpText"/>).</summary>
public sealed class RunOptions
{
    public bool Help { get; private set; }
    public int Invoices { get; private set; } = 5000;
    public int BatchSize { get; private set; } = 50;
    public int Concurrency { get; private set; } = 8;
    public int WarmupSales { get; private set; } = 200;
    public double BatchIntervalMs { get; private set; } = 200;
    public double PollIntervalMs { get; private set; } = 100;
    public double TimeoutSeconds { get; private set; } = 90;
    public double WatchIntervalMs { get; private set; } = 20;
    public int FsyncProbes { get; private set; } = 200;
    public string? Folder { get; private set; }
    public bool KeepData { get; private set; }
    public List<Variant> Variants { get; } = [];

    /// <summary>--json PATH writes the figures there; "-" prints them on stdout instead of the table.</summary>
    public string? Json { get; private set; }

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
                case "--invoices" or "-n": o.Invoices = Integer(1); break;
                case "--batch-size": o.BatchSize = Integer(1); break;
                case "--concurrency": o.Concurrency = Integer(1); break;
                case "--warmup": o.WarmupSales = Integer(0); break;
                case "--batch-interval": o.BatchIntervalMs = Number(1); break;
                case "--poll-interval": o.PollIntervalMs = Number(1); break;
                case "--timeout": o.TimeoutSeconds = Number(1); break;
                case "--watch-interval": o.WatchIntervalMs = Number(1); break;
                case "--fsync-probes": o.FsyncProbes = Integer(0); break;
                case "--folder": o.Folder = Value(); break;
                case "--keep-data": o.KeepData = true; break;
                case "--json": o.Json = Value(); break;
                case "--only":
                    foreach (var v in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        o.Variants.Add(VariantNames.Parse(v));
                    break;
                default: throw new ArgumentException($"unknown option {arg} (see --help)");
            }
        }
        if (o.Variants.Count == 0)
        {
            o.Variants.AddRange([Variant.CrashSafe, Variant.InMemory]);
            if (Directory.Exists(VariantNames.TmpfsRoot)) o.Variants.Add(Variant.Tmpfs);
        }
        if (o.Variants.Contains(Variant.Tmpfs) && !Directory.Exists(VariantNames.TmpfsRoot))
            throw new ArgumentException($"the tmpfs variant needs {VariantNames.TmpfsRoot}");
        return o;
    }
}
