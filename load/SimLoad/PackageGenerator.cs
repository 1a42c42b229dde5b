using System.Diagnostics;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// Builds and signs the run's 206 packages before any load is offered (signing is the T-VAN's cost,
/// not the server's), in parallel across cores, with progress on stderr. Every invoice's MCCQT is
/// unique within the run (consecutive serials) and across runs (a serial offset from the clock).
/// </summary>
public static class PackageGenerator
{
    public static GeneratedPackage[] Generate(int count, int invoicesPerPackage, DateOnly issueDate, long serialOffset, int threads)
    {
        var certificate = SamplePackageBuilder.CreateCertificate();
        var signingTime = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7), DateTimeKind.Unspecified);
        var packages = new GeneratedPackage[count];
        var done = 0;
        var watch = Stopwatch.StartNew();
        // A live line on a terminal; a line every 2 s when stderr goes to a file or pipe.
        var period = Console.IsErrorRedirected ? 2000 : 500;
        using var progress = new Timer(_ => Report(Volatile.Read(ref done), count, watch), null, period, period);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, i =>
        {
            var guid = Guid.NewGuid();
            var options = new SamplePackageOptions
            {
                Invoices = invoicesPerPackage,
                FirstSerial = serialOffset + (long)i * invoicesPerPackage,
                MessageGuid = guid,
                Seed = i,
                IssueDate = issueDate,
            };
            var bytes = SamplePackageBuilder.BuildSigned(options, certificate, signingTime);
            packages[i] = new GeneratedPackage(i, DemoData.TvanCode + guid.ToString("N").ToUpperInvariant(), bytes);
            Interlocked.Increment(ref done);
        });
        progress.Change(Timeout.Infinite, Timeout.Infinite);
        Report(count, count, watch);
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
        return packages;
    }

    /// <summary>Full local validation (schema, rules, signature) of one package: fail before the load, not after.</summary>
    public static IReadOnlyList<string> Check(GeneratedPackage package)
    {
        var result = MessageValidator.Validate(package.Bytes, new ValidationOptions
        {
            IssuedCodeBlocks = new HashSet<string>(StringComparer.Ordinal) { DemoData.CodeBlock },
        });
        return result.Findings.Where(f => f.IsError)
            .Select(f => $"{f.Code} {f.Message} {f.Path} {f.InvoiceCode}".TrimEnd())
            .ToList();
    }

    /// <summary>
    /// A serial offset that moves with the clock: 10^5 serials per second since the epoch, wrapping
    /// every ~11 days. Runs are separated by at least their own duration, so ranges cannot overlap as
    /// long as a run uses fewer than 10^5 serials per second of its length (rate below 2,000 pkg/s).
    /// </summary>
    public static long ClockSerialOffset(DateTimeOffset now) => now.ToUnixTimeSeconds() % 990_000 * 100_000 + 1;

    private static void Report(int done, int count, Stopwatch watch)
    {
        var rate = done / Math.Max(0.001, watch.Elapsed.TotalSeconds);
        var line = $"  generating signed packages: {done:N0}/{count:N0} ({rate:N0}/s, {watch.Elapsed.TotalSeconds:N1} s)";
        if (Console.IsErrorRedirected) Console.Error.WriteLine(line);
        else Console.Error.Write("\r" + line + "   ");
    }
}
