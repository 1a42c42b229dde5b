using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Runner;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.Conformance.Tests.Run;

/// <summary>`ck run` against targets that do not conform or cannot be used: exact findings and exit codes.</summary>
public class RunFailureTests
{
    [Fact]
    public async Task A_target_that_does_not_conform_fails_with_exact_findings_and_exit_1()
    {
        var folder = TestFolder.Create();
        await using var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"));
        using (var admin = new HttpClient { BaseAddress = simulator.Address })
        {
            admin.DefaultRequestHeaders.Add("X-Admin-Key", "demo-admin-key");
            (await admin.PostAsJsonAsync("admin/v1/faults", new { action = "Status503", route = "/api/v1/messages" })).EnsureSuccessStatusCode();
        }

        var result = await Ck.RunAsync("run", "--target", simulator.Address.ToString(), "--filter", "RCV-1001-01,KTDL-4001-02",
            "--out", Path.Combine(folder, "report"), "--signing-key", Path.Combine(folder, "key.pfx"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED: 0 passed, 2 failed", result.Out);
        Assert.Contains("step 1: HTTP 503; expected 200", result.Out);
        var json = File.ReadAllText(Path.Combine(folder, "report", "report.json"));
        Assert.Contains("HTTP 503; expected 200", json);
    }

    [Fact]
    public async Task A_wrong_expectation_is_reported_as_the_exact_difference()
    {
        var real = CaseCatalogue.Load().Setup;
        var setup = JsonSerializer.Serialize(real, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var cases = """
            { "group": "t", "cases": [ { "id": "T-4002-01", "polarity": "negative", "covers": "4002", "rule": "test",
              "title": { "en": "An unsigned package, wrongly expected to draw 4002", "vi": "Thử nghiệm" },
              "steps": [ { "send": { "package": { "signer": "none" } }, "expect": { "ack": 0, "notice": { "ltbao": 7, "codes": ["4002"] }, "stored": false } } ] } ] }
            """;
        var catalogue = CaseCatalogue.Parse(setup, [("t.json", cases)]);
        await using var simulator = await InProcessSimulator.StartAsync(TestFolder.Create());

        var report = await new CatalogueRunner(catalogue).RunAsync(new RunOptions
        {
            Target = simulator.Address, AdminKey = "demo-admin-key", TargetDescription = "test", RandomSeed = 3,
        }, new NoProgress());

        var c = Assert.Single(report.Cases);
        Assert.Equal(ConformanceKit.Harness.Reports.CaseOutcome.Failed, c.Outcome);
        var errors = c.Findings.Where(f => f.Severity == ConformanceKit.Harness.Reports.FindingSeverity.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, f => f.Code == "4002" && f.Message.Contains("204 lacks code 4002 (codes: {4001}; expected exactly {4002})"));
        Assert.Contains(errors, f => f.Code == "4001" && f.Message.Contains("204 has unexpected code 4001") && f.MessageId is not null);
        Assert.Contains(c.Exchanges, e => e.Method == "POST" && e.Url == "api/v1/messages" && e.Status == 200);
    }

    [Fact]
    public async Task An_unreachable_target_or_a_refused_admin_key_is_a_harness_failure_exit_3_with_a_reason()
    {
        var folder = TestFolder.Create();
        var result = await Ck.RunAsync("run", "--target", "http://127.0.0.1:1", "--out", folder, "--signing-key", Path.Combine(folder, "k.pfx"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("is not ready: GET /health", result.Error);

        await using var simulator = await InProcessSimulator.StartAsync(Path.Combine(folder, "sim"));
        result = await Ck.RunAsync("run", "--target", simulator.Address.ToString(), "--admin-key", "wrong", "--filter", "RCV-1001-01",
            "--out", folder, "--signing-key", Path.Combine(folder, "k.pfx"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("admin/v1/seed answered 401", result.Error);
    }

    [Fact]
    public async Task List_shows_the_cases_and_an_unmatched_filter_is_a_usage_error()
    {
        var result = await Ck.RunAsync("run", "--list", "--filter", "KTDL-2002-*");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("KTDL-2002-03", result.Out);
        Assert.Contains("4 of", result.Out);

        result = await Ck.RunAsync("run", "--filter", "NOTHING-*");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no case matches", result.Error);
    }

    private sealed class NoProgress : IRunProgress
    {
        public void Started(int cases) { }
        public void CaseStarted(ConformanceCase c) { }
        public void CaseFinished(ConformanceCase c, ConformanceKit.Harness.Reports.CaseReport report) { }
    }
}
