using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Samples;
using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Certification;

/// <summary>
/// A scripted vendor system through the T-VAN plan on a certification server: done right it PASSES; a resend with a
/// new MTDiep FAILS that step; a code sent again after a missing 204 FAILS that step; an idle session is INCOMPLETE.
/// </summary>
public sealed class PlanTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task A_vendor_system_that_follows_the_whole_plan_gets_PASSED()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient);

        await v.SendAndReadAsync();
        await v.SendAndReadAsync();
        Assert.Equal(CertificationVerdicts.Passed, ScriptedVendor.Step(await v.DoneAsync("first-packages"), "first-packages").Verdict);

        // Three 503s, ridden out with the same bytes and MTDiep.
        var resent = v.Package();
        var statuses = await v.SendUntilTakenAsync(resent);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        await v.Client.WaitForAsync(Packages.IdOf(resent), "204");
        var step = ScriptedVendor.Step(await v.DoneAsync("resend-after-503"), "resend-after-503");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));

        // The 204 is dropped: the system looks the package up once its 204 was due, and sends nothing again.
        var lost = v.Package();
        await v.SendUntilTakenAsync(lost);
        await WaitForJournalAsync(admin, Packages.IdOf(lost), "204 dropped");
        Assert.Equal(HttpStatusCode.OK, (await v.Client.GetAsync($"/api/v1/messages/{Packages.IdOf(lost)}/responses")).StatusCode);
        step = ScriptedVendor.Step(await v.DoneAsync("missing-204"), "missing-204");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));
        Assert.Contains(Packages.IdOf(lost), step.Messages);

        // The 204 is held 20 simulated minutes; the certifier moves this session's clock (the simulator's stays), the
        // system takes the 204 when it comes.
        var late = v.Package();
        await v.SendUntilTakenAsync(late);
        await WaitForJournalAsync(admin, Packages.IdOf(late), "204 delayed");
        var globalBefore = (await admin.GetFromJsonAsync<ClockView>("/admin/v1/clock", AuthorityJson.Options))!.NowValue;
        (await admin.PostAsJsonAsync($"/admin/v1/certification/sessions/{v.Session.SessionId}/clock/advance", new { seconds = 1200 }))
            .EnsureSuccessStatusCode();
        await v.Client.WaitForAsync(Packages.IdOf(late), "204");
        var globalAfter = (await admin.GetFromJsonAsync<ClockView>("/admin/v1/clock", AuthorityJson.Options))!.NowValue;
        Assert.True(globalAfter - globalBefore < TimeSpan.FromMinutes(10), "the session's advance moved the simulator's clock");
        step = ScriptedVendor.Step(await v.DoneAsync("late-204"), "late-204");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));

        // The contract has expired: the package is refused with 5002, the system reads it and keeps the invoices.
        var refusedFirst = 1 + 2 * 2 + 2 * 3;
        var refused = v.Package();
        await v.SendUntilTakenAsync(refused);
        var notice = await v.Client.NoticeAsync(Packages.IdOf(refused));
        Assert.Contains("5002", notice.Codes());
        step = ScriptedVendor.Step(await v.DoneAsync("contract-expired"), "contract-expired");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));

        // Closing: the refused invoices again (same codes, new MTDiep) and one more package.
        var again = v.Package(firstSerial: refusedFirst);
        await v.SendUntilTakenAsync(again);
        await v.Client.WaitForAsync(Packages.IdOf(again), "204");
        await v.SendAndReadAsync();
        var view = await v.DoneAsync("closing");
        step = ScriptedVendor.Step(view, "closing");
        Assert.True(step.Verdict == CertificationVerdicts.Passed, string.Join("\n", step.Reasons));
        Assert.False(view.Open);

        var result = await ResultAsync(admin, v.Session.SessionId);
        Assert.True(result.Verdict == CertificationVerdicts.Passed,
            string.Join("\n", result.Steps.Select(s => $"{s.StepId} {s.Verdict}: {string.Join("; ", s.Reasons)}")));
        Assert.All(result.Steps, s => Assert.Equal(CertificationVerdicts.Passed, s.Verdict));
        Assert.Equal(("Vendor", "POS Cloud", "4.2.0", "tvan-provider"), (result.VendorName, result.SystemName, result.SystemVersion, result.PlanId));
        Assert.Equal(v.Session.PlanVersion, result.PlanVersion);
        Assert.Equal(v.Session.Sender, result.Sender);
        Assert.Equal(8, result.Packages);
        Assert.Equal(8 * 2 - 2, result.Invoices); // every package's two invoices stored, but the first copy of the refused ones
        Assert.True(result.Notices >= 2 * 8 - 1, $"notices {result.Notices}");
        Assert.True(result.SimulatedEnd - result.SimulatedStart >= TimeSpan.FromMinutes(20));
        Assert.False(string.IsNullOrEmpty(result.ToolVersion));
    }

    [Fact]
    public async Task A_system_that_resends_with_a_new_MTDiep_after_a_503_FAILS_that_step_and_the_session()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient);
        await v.SendAndReadAsync();
        await v.SendAndReadAsync();
        await v.DoneAsync("first-packages");

        // The wrong way: each retry is built again, so it carries a new MTDiep (same invoices, same serials).
        var first = v.Package();
        var serial = 1 + 2 * 2;
        var posted = await v.Client.PostMessageAsync(first);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.Status);
        byte[] retry;
        do
        {
            retry = v.Package(firstSerial: serial);
            posted = await v.Client.PostMessageAsync(retry);
        } while (posted.Status != HttpStatusCode.OK);
        await v.Client.WaitForAsync(Packages.IdOf(retry), "204");
        var step = ScriptedVendor.Step(await v.DoneAsync("resend-after-503"), "resend-after-503");
        Assert.Equal(CertificationVerdicts.Failed, step.Verdict);
        Assert.Contains(step.Reasons, r => r.StartsWith("resent-with-same-mtdiep:", StringComparison.Ordinal) && r.Contains(Packages.IdOf(first)));
        Assert.Contains(Packages.IdOf(first), step.Messages);

        var end = await admin.PostAsync($"/admin/v1/certification/sessions/{v.Session.SessionId}/end", null);
        var result = (await end.Content.ReadFromJsonAsync<CertificationSessionResult>(AuthorityJson.Options))!;
        Assert.Equal(CertificationVerdicts.Failed, result.Verdict);
        Assert.Equal(CertificationVerdicts.Passed, result.Steps[0].Verdict);
        Assert.Equal(CertificationVerdicts.Failed, result.Steps[1].Verdict);
        Assert.All(result.Steps.Skip(2), s => Assert.Equal(CertificationVerdicts.Incomplete, s.Verdict));
    }

    [Fact]
    public async Task A_system_that_sends_invoices_again_under_a_new_MTDiep_after_a_missing_204_FAILS_that_step()
    {
        using var admin = _sim.Admin();
        using var v = await ScriptedVendor.StartAsync(admin, _sim.CreateClient);
        await v.SendAndReadAsync();
        await v.SendAndReadAsync();
        await v.DoneAsync("first-packages");
        await v.SendUntilTakenAsync(v.Package());
        await v.DoneAsync("resend-after-503");

        var lost = v.Package();
        await v.SendUntilTakenAsync(lost);
        await WaitForJournalAsync(admin, Packages.IdOf(lost), "204 dropped");
        // No 204: the wrong way re-sends the same invoices as a new message instead of looking the package up.
        var reissued = v.Package(firstSerial: 1 + 2 * 3);
        await v.SendUntilTakenAsync(reissued);
        await WaitForJournalAsync(admin, Packages.IdOf(reissued), "204 LTBao");
        var step = ScriptedVendor.Step(await v.DoneAsync("missing-204"), "missing-204");
        Assert.Equal(CertificationVerdicts.Failed, step.Verdict);
        Assert.Contains(step.Reasons, r => r.StartsWith("no-code-reissued:", StringComparison.Ordinal) && r.Contains(Packages.IdOf(reissued)));
    }

    [Fact]
    public async Task An_idle_session_is_INCOMPLETE_never_PASSED()
    {
        using var admin = _sim.Admin();
        var created = await ScriptedVendor.CreateAsync(admin);
        var open = await ResultAsync(admin, created.SessionId);
        Assert.Equal(CertificationVerdicts.Incomplete, open.Verdict);
        Assert.Equal(0, open.Packages);

        var end = await admin.PostAsync($"/admin/v1/certification/sessions/{created.SessionId}/end", null);
        end.EnsureSuccessStatusCode();
        var result = await ResultAsync(admin, created.SessionId);
        Assert.Equal(CertificationVerdicts.Incomplete, result.Verdict);
        Assert.All(result.Steps, s => Assert.Equal(CertificationVerdicts.Incomplete, s.Verdict));
        Assert.Contains(result.Steps[0].Reasons, r => r.Contains("not performed", StringComparison.Ordinal));
        Assert.Equal((0, 0), (result.Packages, result.Invoices));
    }

    internal static async Task<CertificationSessionResult> ResultAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<CertificationSessionResult>($"/admin/v1/certification/sessions/{id}/result", AuthorityJson.Options))!;

    /// <summary>Waits (as the certifier, on the journal) until the outcome of <paramref name="messageId"/> contains <paramref name="text"/>.</summary>
    internal static Task WaitForJournalAsync(HttpClient admin, string messageId, string text) =>
        Eventually.UntilAsync(async () =>
        {
            var page = await admin.GetFromJsonAsync<JournalPage>("/admin/v1/journal?limit=10000", AuthorityJson.Options);
            return page!.Entries.Any(e => e.ReplyTo == messageId && e.Outcome?.Contains(text, StringComparison.Ordinal) == true);
        }, $"{messageId}: {text}", TimeSpan.FromSeconds(20));
}
