using ConformanceKit.Conformance.Cli;
using ConformanceKit.Harness.Reports;
using ConformanceKit.ProviderSim;

namespace ConformanceKit.Conformance.Commands.ProviderSim;

/// <summary>`ck provider-sim`: a market provider's API on WireMock.Net in front of the reference provider, until Ctrl+C.</summary>
public sealed class ProviderSimCommand(CliIO io, string? profilesFolder)
{
    private readonly ProfileCatalog _catalog = new(profilesFolder ?? ProfileCatalog.DefaultFolder);

    public async Task<int> ListAsync()
    {
        var profiles = _catalog.All;
        if (profiles.Count == 0)
        {
            await io.Error.WriteLineAsync($"error: no profiles in {_catalog.Folder}");
            return ExitCodes.Usage;
        }
        foreach (var p in profiles)
        {
            await io.Out.WriteLineAsync($"{p.Name,-20} {p.Title}");
            await io.Out.WriteLineAsync($"{"",-20} {p.Description}");
            await io.Out.WriteLineAsync($"{"",-20} {p.MappingFiles.Count} mappings; faults: {(p.Faults.Count == 0 ? "none" : string.Join(", ", p.Faults))}");
            await io.Out.WriteLineAsync($"{"",-20} {p.Folder}");
        }
        return ExitCodes.Ok;
    }

    public async Task<int> RunAsync(string? profileName, string urls, Uri? provider, Uri? authority, string? data, string[] faults,
        string? output, string? signingKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(profileName))
        {
            await io.Error.WriteLineAsync("error: --profile NAME is required (ck provider-sim --list shows them)");
            return ExitCodes.Usage;
        }
        var profile = _catalog.Find(profileName);
        if (profile is null)
        {
            await io.Error.WriteLineAsync($"error: no profile '{profileName}' in {_catalog.Folder}; there are: {string.Join(", ", _catalog.All.Select(p => p.Name))}");
            return ExitCodes.Usage;
        }
        if (faults.FirstOrDefault(f => !profile.Faults.Contains(f)) is { } unknown)
        {
            await io.Error.WriteLineAsync($"error: profile {profile.Name} has no fault '{unknown}'; it has: {string.Join(", ", profile.Faults)}");
            return ExitCodes.Usage;
        }
        if (provider is not null && authority is not null)
        {
            await io.Error.WriteLineAsync("error: --authority is for the in-process provider; a running provider (--provider) has its own target");
            return ExitCodes.Usage;
        }

        LocalPipeline? local = null;
        ProviderSimServer? sim = null;
        try
        {
            try
            {
                if (provider is null)
                {
                    local = await LocalPipeline.StartAsync(data, authority, ct);
                    provider = local.ProviderApi;
                }
                sim = await ProviderSimServer.StartAsync(profile, provider, urls, ct, local?.Authority);
            }
            catch (InvalidDataException e)
            {
                await io.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TimeoutException)
            {
                await io.Error.WriteLineAsync($"error: could not start: {e.Message}");
                return ExitCodes.HarnessError;
            }
            foreach (var f in faults) sim.SetFault(f, true);
            var startedAt = DateTimeOffset.UtcNow;
            await io.Out.WriteLineAsync($"ck provider-sim: {profile.Title} on {sim.Address}");
            await io.Out.WriteLineAsync($"  admin API {sim.Address}__admin/ (mappings, requests, scenarios); {sim.Address}__sim/faults, POST {sim.Address}__sim/reset");
            await io.Out.WriteLineAsync($"  issuing through the reference provider {provider} for seller {sim.Context.SellerTaxCode}" +
                                        (local is null ? "" : $" (in-process, sending to {local.Authority})"));
            await io.Out.WriteLineAsync((profile.Faults.Count == 0 ? "  faults: none in this profile" : $"  faults (off unless named): {string.Join(", ", profile.Faults.Select(f => faults.Contains(f) ? f + " [on]" : f))}"));
            await io.Out.WriteLineAsync($"  profile files: {profile.Folder}");
            await io.Out.WriteLineAsync("Ctrl+C stops.");
            await io.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) { /* Ctrl+C */ }
            var judgement = sim.Judge();
            await WriteJudgementAsync(judgement);
            if (output is null) return ExitCodes.Ok;
            var report = JudgementReport.Build(sim, judgement, startedAt, DateTimeOffset.UtcNow);
            try
            {
                using var signer = ReportSigner.Resolve(signingKey);
                foreach (var path in await ReportWriter.WriteAllAsync(report, output, signer, CancellationToken.None))
                    await io.Out.WriteLineAsync("report: " + path);
                await io.Out.WriteLineAsync($"signed by {signer.Subject}, SHA-256 {signer.ThumbprintSha256}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                await io.Error.WriteLineAsync($"error: cannot write the reports to {output}: {e.Message}");
                return ExitCodes.HarnessError;
            }
            return report.AllPassed ? ExitCodes.Ok : ExitCodes.Failed;
        }
        finally
        {
            if (sim is not null) await sim.DisposeAsync();
            if (local is not null) await local.DisposeAsync();
        }
    }

    /// <summary>On the way out: what the POS sent, judged (the same as GET /__sim/judge).</summary>
    private async Task WriteJudgementAsync(PosJudge.Judgement judgement)
    {
        await io.Out.WriteLineAsync($"what the POS sent: {judgement.Requests} requests, {judgement.Issues} issue requests, {judgement.Logins} logins — " +
                                    judgement.Overall.ToString().ToLowerInvariant());
        foreach (var check in judgement.Checks)
        {
            await io.Out.WriteLineAsync($"  {Verdict(check.Verdict),-8} {check.Id,-18} {check.Title}");
            foreach (var finding in check.Findings.Take(5)) await io.Out.WriteLineAsync($"           {finding}");
            if (check.Findings.Count > 5) await io.Out.WriteLineAsync($"           … and {check.Findings.Count - 5} more (GET /__sim/judge)");
        }
    }

    private static string Verdict(PosJudge.Verdict v) => v switch
    {
        PosJudge.Verdict.NotSeen => "not-seen",
        _ => v.ToString().ToLowerInvariant(),
    };

    public async Task<int> RecordAsync(Uri target, string output, string urls, bool matchBodies, CancellationToken ct)
    {
        Recorder recorder;
        try
        {
            recorder = Recorder.Start(target, urls);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await io.Error.WriteLineAsync($"error: could not start the recorder: {e.Message}");
            return ExitCodes.HarnessError;
        }
        using (recorder)
        {
            await io.Out.WriteLineAsync($"ck provider-sim record: {recorder.Address} → {target}; Ctrl+C writes the recording to {Path.GetFullPath(output)}");
            await io.Out.WriteLineAsync("  the POS's real credentials pass through to the target; the files keep none of them (check before sharing)");
            await io.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) { /* Ctrl+C */ }
            var n = recorder.Save(output, matchBodies);
            await io.Out.WriteLineAsync($"recorded {n} exchanges into {Path.Combine(Path.GetFullPath(output), "mappings")}");
        }
        return ExitCodes.Ok;
    }

    public async Task<int> ReplayAsync(string folder, string urls, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            await io.Error.WriteLineAsync($"error: no folder {folder}");
            return ExitCodes.Usage;
        }
        WireMock.Server.WireMockServer server;
        try
        {
            server = Recorder.Replay(folder, urls);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            await io.Error.WriteLineAsync($"error: {folder}: {e.Message}");
            return ExitCodes.Usage;
        }
        using (server)
        {
            await io.Out.WriteLineAsync($"ck provider-sim replay: {server.Mappings.Count(m => !m.IsAdminInterface)} mappings from {Path.GetFullPath(folder)} on {server.Urls[0]}; Ctrl+C stops.");
            await io.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException) { /* Ctrl+C */ }
            server.Stop();
        }
        return ExitCodes.Ok;
    }
}
