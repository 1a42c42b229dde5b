using System.Security.Cryptography;
using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.Harness.Observe;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Conformance.Commands.Observe;

/// <summary>`ck observe`: reads the window from the simulator, judges it, prints a summary and writes the reports.</summary>
public sealed class ObserveCommand(
    string sim, string adminKey, string mst, string? from, string? to, string outDirectory, string? signingKey, CliIO io)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<int> ExecuteAsync(CancellationToken ct)
    {
        if (!Uri.TryCreate(sim, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            return await Usage($"--sim must be an http(s) URL, e.g. http://127.0.0.1:5080 (got '{sim}')");
        if (!TaxCode.TryParse(mst, out var taxCode, out var mstError))
            return await Usage($"--mst '{mst}' is not a valid MST: {mstError}");
        DateTimeOffset? start = null, end = null;
        if (from is not null)
        {
            if (!VietnamClock.TryParse(from, endOfDay: false, out var f)) return await Usage(BadTime("--from", from));
            start = f;
        }
        if (to is not null)
        {
            if (!VietnamClock.TryParse(to, endOfDay: true, out var t)) return await Usage(BadTime("--to", to));
            end = t;
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = RequestTimeout };
        var client = new SimulatorAdminClient(http, adminKey);
        RunReport report;
        try
        {
            if (start is null || end is null)
            {
                var now = await client.ClockNowAsync(ct);
                start ??= VietnamClock.StartOfDay(VietnamClock.Day(now));
                end ??= now;
            }
            if (start > end)
                return await Usage($"the window is empty: --from {VietnamClock.Format(start.Value)} is after --to {VietnamClock.Format(end.Value)}");
            var window = new ObserveWindow(baseUri, taxCode.Value, start.Value, end.Value);
            report = await new Observer(client).ObserveAsync(window, ct);
        }
        catch (ObserveException ex)
        {
            await io.Error.WriteLineAsync("error: " + ex.Message);
            return ExitCodes.HarnessError;
        }

        ObserveTable.Write(report, io);
        try
        {
            using var signer = ReportSigner.Resolve(signingKey);
            var paths = await ReportWriter.WriteAllAsync(report, outDirectory, signer, ct);
            foreach (var path in paths) await io.Out.WriteLineAsync("report: " + path);
            await io.Out.WriteLineAsync($"signed by {signer.Subject}, SHA-256 {signer.ThumbprintSha256}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            await io.Error.WriteLineAsync($"error: cannot write the reports to {outDirectory}: {ex.Message}");
            return ExitCodes.HarnessError;
        }
        return report.EffectiveVerdict switch
        {
            ReportVerdicts.Passed => ExitCodes.Ok,
            ReportVerdicts.Incomplete => ExitCodes.Incomplete,
            _ => ExitCodes.Failed,
        };
    }

    private static string BadTime(string option, string value) =>
        $"{option} '{value}' is not an ISO date (2025-06-15) or date-time (2025-06-15T09:00, GMT+7 unless it has an offset)";

    private async Task<int> Usage(string message)
    {
        await io.Error.WriteLineAsync("error: " + message);
        return ExitCodes.Usage;
    }
}
