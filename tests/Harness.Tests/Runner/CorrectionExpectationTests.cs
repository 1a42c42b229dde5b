using System.Text.Json;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Reports;
using ConformanceKit.Harness.Runner;
using ConformanceKit.TaxAuthoritySim.Hosting;

namespace ConformanceKit.Harness.Tests.Runner;

/// <summary>
/// The correction expectations (a 303's 301, the monthly Step 2's findings) against a real simulator: wrong
/// expectations fail with the exact difference, so the catalogue's correction cases can fail.
/// </summary>
public class CorrectionExpectationTests
{
    [Fact]
    public async Task Wrong_reply_and_findings_expectations_are_reported_as_the_exact_differences()
    {
        var setup = JsonSerializer.Serialize(CaseCatalogue.Load().Setup, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var cases = """
            { "group": "t", "cases": [
              { "id": "T-9103-01", "polarity": "negative", "covers": "9103", "rule": "test",
                "title": { "en": "A first cancel, wrongly expected to draw 9103", "vi": "Thử nghiệm 1" },
                "steps": [ { "send": { "package": { "invoices": 1 }, "as": "a" }, "expect": { "notice": { "ltbao": 2 } } },
                           { "send": { "notice": { "entries": [ { "of": "a", "action": "cancel" } ] } },
                             "expect": { "ack": 0, "reply": [ { "accepted": false, "codes": ["9103"] } ] } } ] },
              { "id": "T-8006-01", "polarity": "positive", "covers": "8006", "rule": "test",
                "title": { "en": "A replacement without a 303, wrongly expected to raise nothing", "vi": "Thử nghiệm 2" },
                "steps": [ { "send": { "package": { "invoices": 1 }, "as": "a" }, "expect": { "notice": { "ltbao": 2 } } },
                           { "send": { "package": { "invoices": 1, "related": [ { "kind": "replace", "of": "a" } ] }, "as": "b" },
                             "expect": { "notice": { "ltbao": 2 } } },
                           { "reconcile": true, "expect": { "findings": [ { "of": "b", "codes": ["8004"] } ] } } ] } ] }
            """;
        var catalogue = CaseCatalogue.Parse(setup, [("t.json", cases)]);
        await using var simulator = await InProcessSimulator.StartAsync(TestFolder.Create());

        var report = await new CatalogueRunner(catalogue).RunAsync(new RunOptions
        {
            Target = simulator.Address, AdminKey = "demo-admin-key", TargetDescription = "test", RandomSeed = 5,
        }, new NoProgress());

        var cancel = report.Cases.Single(c => c.Id == "T-9103-01");
        Assert.Equal(CaseOutcome.Failed, cancel.Outcome);
        var errors = cancel.Findings.Where(f => f.Severity == FindingSeverity.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, f => f.Message.Contains("step 2: the 301 accepts invoice 1; expected TTTNCCQT 2 (not accepted)") && f.Invoice is not null);
        Assert.Contains(errors, f => f.Code == "9103" && f.Message.Contains("301 invoice 1 lacks code 9103 (codes: none; expected exactly {9103})"));
        Assert.Contains(cancel.Exchanges, e => e.Step == "step 2 (1 × 301)");

        var replaced = report.Cases.Single(c => c.Id == "T-8006-01");
        Assert.Equal(CaseOutcome.Failed, replaced.Outcome);
        errors = [.. replaced.Findings.Where(f => f.Severity == FindingSeverity.Error)];
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, f => f.Code == "8006" && f.Message.Contains("has unexpected code 8006") && f.Message.Contains("no Form 04/SS-HĐĐT"));
        Assert.Contains(errors, f => f.Code == "8004" && f.Message.Contains("lacks code 8004 (codes: none; expected exactly {8004})"));
        Assert.Contains(replaced.Exchanges, e => e.Url == "admin/v1/reconciliation" && e.Status == 200);
        Assert.Contains(replaced.Exchanges, e => e.Method == "GET" && e.Url.StartsWith("admin/v1/messages/", StringComparison.Ordinal));
    }

    private sealed class NoProgress : IRunProgress
    {
        public void Started(int cases) { }
        public void CaseStarted(ConformanceCase c) { }
        public void CaseFinished(ConformanceCase c, CaseReport report) { }
    }
}
