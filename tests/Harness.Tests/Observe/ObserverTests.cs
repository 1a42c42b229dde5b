using System.Net;
using System.Net.Http.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Harness.Observe;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Tests.Observe;

/// <summary>
/// `ck observe`'s judgements on real traffic. One simulator for the class; each test sends on its own simulated day and
/// observes that day only, so the tests do not see each other's traffic.
/// </summary>
public sealed class ObserverTests(ObservedSimulator sim) : IClassFixture<ObservedSimulator>
{
    private static readonly string[] CaseIds = ["OBS-ANSWERED", "OBS-ACCEPTED", "OBS-CODES", "OBS-RESUBMIT", "OBS-ADVISORY", "OBS-CORRECTIONS"];

    [Fact]
    public async Task A_clean_window_passes_every_check_with_no_finding()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 1));
        await sim.SendAsync(ObservedSimulator.Package(day, 1));
        await sim.SendAsync(ObservedSimulator.Package(day, 4));

        var report = await ObserveDayAsync(day);

        Assert.Equal("observe", report.Kind);
        Assert.Null(report.CatalogueVersion);
        Assert.Equal("ck", report.Tool.Name);
        Assert.Equal("observed simulator", report.Target.Description);
        Assert.Equal(32, report.SessionId.Length);
        Assert.Equal(DemoData.TaxCode, report.Options["mst"]);
        Assert.Equal("2025-07-01T00:00:00.000+07:00", report.Options["from"]);
        Assert.Equal(CaseIds, report.Cases.Select(c => c.Id));
        Assert.All(report.Cases, c =>
        {
            Assert.Equal(CaseOutcome.Passed, c.Outcome);
            Assert.Equal("observation", c.Polarity);
            Assert.Equal("observation", c.Group);
            Assert.Empty(c.Findings);
        });
        Assert.Equal(new ReportSummary(6, 6, 0, 0, report.Summary.DurationMs), report.Summary);
        Assert.Contains(report.Cases[0].Exchanges, e => e.Step == "journal" && e.Status == 200);
        Assert.Equal("PASSED", report.Verdict);
        Assert.Equal(new TrafficCounts(2, 6, 2) { Refused = 0 }, report.Counts);
        Assert.Equal(At(day, 0), report.Window!.SimulatedFrom);
        Assert.Equal(At(day.AddDays(1), 0).AddMilliseconds(-1), report.Window.SimulatedTo);
        Assert.NotNull(report.Window.RealFrom);
        Assert.True(report.Window.RealFrom <= report.Window.RealTo);
        Assert.Equal("self-run, not a certification", report.Standing);
    }

    [Fact]
    public async Task A_window_with_no_package_taken_is_INCOMPLETE_not_passed()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 9));

        var report = await ObserveDayAsync(day);

        Assert.Equal("INCOMPLETE", report.Verdict);
        Assert.Equal("INCOMPLETE", report.EffectiveVerdict);
        Assert.False(report.AllPassed);
        var answered = Case(report, "OBS-ANSWERED");
        Assert.Equal(CaseOutcome.Incomplete, answered.Outcome);
        var finding = Assert.Single(answered.Findings);
        Assert.Equal((FindingSeverity.Warning, "OBS-NO-TRAFFIC"), (finding.Severity, finding.Code));
        Assert.Contains("no package was taken", finding.Message);
        Assert.Equal(new TrafficCounts(0, 0, 0) { Refused = 0 }, report.Counts);
        Assert.Null(report.Window!.RealFrom);
        Assert.Equal(1, report.Summary.Incomplete);
    }

    [Fact]
    public async Task A_gap_in_the_serials_is_an_error_listing_the_missing_range()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 2));
        await sim.SendAsync(ObservedSimulator.Package(day, 1));
        var second = await sim.SendAsync(ObservedSimulator.Package(day, 6));

        var report = await ObserveDayAsync(day);

        var gap = Assert.Single(Case(report, "OBS-CODES").Findings);
        Assert.Equal((FindingSeverity.Error, "OBS-GAP", second, ObservedSimulator.Code(day, 6), "A1B2C/25"), Key(gap));
        Assert.Contains($"serial(s) {ObservedSimulator.Serial(day, 4)}–{ObservedSimulator.Serial(day, 5)} of block A1B2C, year 25 missing (2 code(s))", gap.Message);
        Assert.Contains(ObservedSimulator.Code(day, 3), gap.Message);
        Assert.Equal(CaseOutcome.Failed, Case(report, "OBS-CODES").Outcome);
        Assert.All(report.Cases.Where(c => c.Id != "OBS-CODES"), c => Assert.Empty(c.Findings));
    }

    [Fact]
    public async Task A_stored_code_sent_again_under_a_new_MTDiep_is_7005_and_a_duplicate()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 3));
        var first = await sim.SendAsync(ObservedSimulator.Package(day, 1));
        var again = await sim.SendAsync(ObservedSimulator.Package(day, 3));
        var code = ObservedSimulator.Code(day, 3);
        const string path = "/TDiep/DLieu/HDon[1]/MCCQT";

        var report = await ObserveDayAsync(day);

        Assert.Empty(Case(report, "OBS-ANSWERED").Findings);
        Assert.Equal([(FindingSeverity.Error, "7005", again, code, path)], Case(report, "OBS-ACCEPTED").Findings.Select(Key));
        var duplicate = Assert.Single(Case(report, "OBS-CODES").Findings);
        Assert.Equal((FindingSeverity.Error, "OBS-DUPLICATE", again, code, path), Key(duplicate));
        Assert.Contains($"sent in package {first}", duplicate.Message);
        var resubmit = Assert.Single(Case(report, "OBS-RESUBMIT").Findings);
        Assert.Equal((FindingSeverity.Error, "7005", again, code, path), Key(resubmit));
        Assert.Contains($"stored from package {first}", resubmit.Message);
        Assert.Empty(Case(report, "OBS-ADVISORY").Findings);
        Assert.Equal(3, report.Summary.Failed);
    }

    [Fact]
    public async Task The_same_MTDiep_with_other_content_is_1008_and_a_same_bytes_resend_is_fine()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 4));
        var guid = Guid.NewGuid();
        var original = ObservedSimulator.Package(day, 1, guid: guid);
        var id = await sim.SendAsync(original);
        Assert.Equal((HttpStatusCode.OK, 0), await sim.PostAsync(original));
        Assert.Equal((HttpStatusCode.BadRequest, 1), await sim.PostAsync(ObservedSimulator.Package(day, 4, guid: guid)));

        var report = await ObserveDayAsync(day);

        var resubmit = Case(report, "OBS-RESUBMIT");
        Assert.Equal([(FindingSeverity.Error, "1008", id, null, null), (FindingSeverity.Info, "OBS-REPLAY", id, null, null)],
            resubmit.Findings.Select(Key));
        Assert.Equal(CaseOutcome.Failed, resubmit.Outcome);
        Assert.All(report.Cases.Where(c => c.Id != "OBS-RESUBMIT"), c => Assert.Empty(c.Findings));
    }

    [Fact]
    public async Task A_204_a_fault_rule_dropped_is_expected_and_says_what_the_vendor_should_do()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 8));
        await sim.AddFaultAsync(new { action = "Drop204", mst = DemoData.TaxCode, firstN = 1 });
        var body = ObservedSimulator.Package(day, 1);
        var dropped = await sim.SendAsync(body);
        await sim.SendAsync(ObservedSimulator.Package(day, 4));

        var report = await ObserveDayAsync(day);

        var answered = Case(report, "OBS-ANSWERED");
        var finding = Assert.Single(answered.Findings);
        Assert.Equal((FindingSeverity.Info, "OBS-FAULT-204-DROPPED", dropped, null, null), Key(finding));
        Assert.StartsWith("expected: a fault rule of the simulator dropped the 204", finding.Message);
        Assert.Contains("fault: 204 dropped", finding.Message);
        Assert.Contains("look its invoices up", finding.Message);
        Assert.Contains("resend the same message", finding.Message);
        Assert.Contains("No resend of it was seen", finding.Message);
        Assert.Equal(CaseOutcome.Passed, answered.Outcome);
        Assert.Equal("PASSED", report.Verdict);
        Assert.Contains(answered.Exchanges, e => e.Step == "responses " + dropped);
        Assert.Contains(answered.Exchanges, e => e.Step == "faults" && e.Status == 200);
        Assert.All(report.Cases.Where(c => c.Id != "OBS-ANSWERED"), c => Assert.Empty(c.Findings));

        // The vendor's system resends the same bytes: the finding says it did.
        Assert.Equal((HttpStatusCode.OK, 0), await sim.PostAsync(body));
        var again = Assert.Single(Case(await ObserveDayAsync(day), "OBS-ANSWERED").Findings);
        Assert.Contains("It did: the same message was resent at", again.Message);
    }

    [Fact]
    public async Task A_204_a_fault_rule_delayed_past_15_minutes_is_expected_not_late()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 10));
        await sim.AddFaultAsync(new { action = "Delay204", mst = DemoData.TaxCode, delaySeconds = 1200, firstN = 1 });
        var delayed = await sim.SendAsync(ObservedSimulator.Package(day, 1));

        // Not visible yet: pending, expected.
        var pending = Assert.Single(Case(await ObserveDayAsync(day), "OBS-ANSWERED").Findings);
        Assert.Equal((FindingSeverity.Info, "OBS-FAULT-204-LATE", delayed, null, null), Key(pending));
        Assert.Contains("not visible yet", pending.Message);

        // 21 simulated minutes on, the 204 is visible, 20 minutes after receipt: late, but the fault explains it.
        using (var admin = sim.Admin())
        {
            (await admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 1260 })).EnsureSuccessStatusCode();
            await Eventually.UntilAsync(async () =>
            {
                using var response = await admin.GetAsync($"/admin/v1/messages/{delayed}/responses");
                return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("<MLTDiep>204</MLTDiep>");
            }, "the delayed 204 became visible");
        }
        var report = await ObserveDayAsync(day);

        var answered = Case(report, "OBS-ANSWERED");
        var finding = Assert.Single(answered.Findings);
        Assert.Equal((FindingSeverity.Info, "OBS-FAULT-204-LATE", delayed, null, null), Key(finding));
        Assert.Contains("delayed the 204 by 1200 s", finding.Message);
        Assert.Contains("on time without the fault", finding.Message);
        Assert.Equal(CaseOutcome.Passed, answered.Outcome);
        Assert.Equal("PASSED", report.Verdict);
    }

    [Fact]
    public async Task Messages_a_fault_rule_answered_503_are_expected_with_the_resend_the_vendor_owes()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 11));
        await sim.AddFaultAsync(new { action = "Status503", mst = DemoData.TaxCode, firstN = 1 });
        try
        {
            var body = ObservedSimulator.Package(day, 1);
            using (var tvan = sim.Tvan())
            using (var content = new ByteArrayContent(body))
            {
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml");
                using var refused = await tvan.PostAsync("/api/v1/messages", content);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            }
            await sim.SendAsync(body);

            var report = await ObserveDayAsync(day);

            var answered = Case(report, "OBS-ANSWERED");
            var finding = Assert.Single(answered.Findings);
            Assert.Equal((FindingSeverity.Info, "OBS-FAULT-NOT-TAKEN"), (finding.Severity, finding.Code));
            Assert.Contains("answered HTTP 503 (with Retry-After) 1 time(s)", finding.Message);
            Assert.Contains("send the same message again", finding.Message);
            Assert.StartsWith("fault ", finding.Location);
            Assert.Equal("PASSED", report.Verdict);
        }
        finally
        {
            using var admin = sim.Admin();
            (await admin.DeleteAsync("/admin/v1/faults")).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Wrong_totals_are_W003_and_a_send_on_a_later_day_W005_as_warnings_that_do_not_fail()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 6));
        var issued = day.AddDays(-1);
        var id = await sim.SendAsync(ObservedSimulator.Package(issued, 1, change: p => p.Invoices[0].Totals.TotalBeforeTax += 1000));

        var report = await ObserveDayAsync(day);

        var advisory = Case(report, "OBS-ADVISORY");
        Assert.Equal(CaseOutcome.Passed, advisory.Outcome);
        Assert.Equal(["W003", "W005", "W005", "W005"], advisory.Findings.Select(f => f.Code));
        Assert.All(advisory.Findings, f => Assert.Equal((FindingSeverity.Warning, id), (f.Severity, f.MessageId)));
        Assert.Equal(new[] { 1, 1, 2, 3 }.Select(n => ObservedSimulator.Code(issued, n)), advisory.Findings.Select(f => f.Invoice));
        Assert.StartsWith("/TDiep/DLieu/HDon[1]/", advisory.Findings[0].Location);
        Assert.Contains("TgTTTBSo", advisory.Findings[0].Location);
        Assert.Equal("/TDiep/DLieu/HDon[3]/DLHDon/TTChung/NLap", advisory.Findings[3].Location);
        Assert.Contains("issued (NLap) 2025-07-05 but sent on 2025-07-06", advisory.Findings[1].Message);
        Assert.All(report.Cases, c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
    }

    [Fact]
    public async Task Traffic_outside_the_window_is_ignored()
    {
        var day = await StartDayAsync(new DateOnly(2025, 7, 7));
        await sim.SendAsync(ObservedSimulator.Package(day, 1));
        await sim.SetClockAsync(At(day, 15));
        var inside = await sim.SendAsync(ObservedSimulator.Package(day, 10));

        using var http = sim.Client();
        var window = Window(At(day, 12), At(day, 23, 59));
        var observation = await new ObservationCollector(new SimulatorAdminClient(http, DemoData.AdminKey)).CollectAsync(window, default);
        Assert.Equal([inside], observation.Packages.Select(p => p.MessageId));

        var report = await ObserveAsync(window);
        Assert.All(report.Cases, c => Assert.Empty(c.Findings));
        // The whole day sees both packages, and the serials 4–9 between them.
        var whole = await ObserveDayAsync(day);
        Assert.Equal(["OBS-GAP"], Case(whole, "OBS-CODES").Findings.Select(f => f.Code));
        Assert.Contains($"{ObservedSimulator.Serial(day, 4)}–{ObservedSimulator.Serial(day, 9)}", Case(whole, "OBS-CODES").Findings[0].Message);
    }

    private async Task<DateOnly> StartDayAsync(DateOnly day)
    {
        await sim.SetClockAsync(At(day, 9));
        return day;
    }

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), ObservedSimulator.Gmt7);

    private ObserveWindow Window(DateTimeOffset from, DateTimeOffset to) =>
        new(sim.BaseAddress, DemoData.TaxCode, from, to);

    private Task<RunReport> ObserveDayAsync(DateOnly day) =>
        ObserveAsync(Window(At(day, 0), At(day.AddDays(1), 0).AddMilliseconds(-1)));

    private async Task<RunReport> ObserveAsync(ObserveWindow window)
    {
        using var http = sim.Client();
        return await new Observer(new SimulatorAdminClient(http, DemoData.AdminKey)).ObserveAsync(window, default);
    }

    private static CaseReport Case(RunReport report, string id) => report.Cases.Single(c => c.Id == id);

    private static (FindingSeverity, string?, string?, string?, string?) Key(Finding f) => (f.Severity, f.Code, f.MessageId, f.Invoice, f.Location);
}
