using System.Net;
using System.Net.Http.Json;
using ConformanceKit.AuthorityContract;
using ConformanceKit.AuthorityContract.Certification;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;
using ConformanceKit.Provider.Signing;
using ConformanceKit.TaxAuthoritySim.Certification;

namespace ConformanceKit.Provider.Tests.Certification;

/// <summary>
/// The reference provider (src/Provider) as the vendor system under certification: started with a session's key,
/// sender, taxpayer and block on a certification server, it is taken through the whole T-VAN plan by selling, and
/// the session comes out PASSED. The test only sells, ends the steps and (as the certifier) moves the shared clock.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReferenceProviderCertificationTests
{
    [Fact]
    public async Task The_reference_provider_passes_the_whole_T_VAN_plan()
    {
        CreatedSession? session = null;
        var taxCode = Einvoice.Codes.TaxCode.Create("031234567").Value;
        await using var pipeline = await Pipeline.StartAsync(
            configure: o => o with
            {
                TvanCode = session!.Sender, ApiKey = session.ApiKey, NoticeDeadline = TimeSpan.FromSeconds(2),
                Register = new RegisterConfig("quay-1", session.TaxCode, "Cửa hàng chứng nhận", "1 Lê Lợi, Quận 1", session.Blocks[0]),
            },
            signer: new PfxPackageSigner(SamplePackageBuilder.CreateCertificate(taxCode, "Cửa hàng chứng nhận")),
            beforeStart: async sim =>
            {
                using var admin = Admin(sim);
                var r = await admin.PostAsJsonAsync("/admin/v1/certification/sessions",
                    new { vendorName = "ConformanceKit", systemName = "Reference provider", systemVersion = "0.4.0", planId = "tvan-provider", taxCode });
                Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
                session = await r.Content.ReadFromJsonAsync<CreatedSession>(AuthorityJson.Options);
            });
        using var admin = Admin(pipeline.Simulator);
        using var vendor = new HttpClient { BaseAddress = pipeline.Simulator };
        vendor.DefaultRequestHeaders.Add("X-Api-Key", session!.ApiKey);
        var sold = 0;

        async Task SellAndSettleAsync()
        {
            await pipeline.SellAsync($"cert-{++sold}");
            var n = sold;
            // Settled: its 204 came (or, for a dropped 204, the provider looked the invoices up after its deadline).
            await pipeline.WaitUntilAsync(s => s.Packages().Count(p => p.Kind == "206" && (p.NoticeAt is not null || p.Overdue)) >= n,
                $"package {n} settled", 30);
        }

        async Task DoneAsync(string step)
        {
            HttpResponseMessage? r = null;
            await Eventually.UntilAsync(async () =>
            {
                r = await vendor.PostAsync($"/api/v1/certification/steps/{step}/done", null);
                return r.StatusCode != HttpStatusCode.Conflict;
            }, $"{step} ended", TimeSpan.FromSeconds(20));
            var view = await r!.Content.ReadFromJsonAsync<SessionView>(AuthorityJson.Options);
            var state = view!.Steps.Single(s => s.StepId == step);
            Assert.True(state.Verdict == CertificationVerdicts.Passed, $"{step}: {state.Verdict}\n{string.Join("\n", state.Reasons)}");
        }

        await SellAndSettleAsync();
        await SellAndSettleAsync();
        await DoneAsync("first-packages");
        await SellAndSettleAsync(); // three 503s, then taken (the same bytes: the outbox resends them)
        await DoneAsync("resend-after-503");
        await SellAndSettleAsync(); // its 204 is dropped: after the deadline the provider looks the invoices up
        await DoneAsync("missing-204");
        await pipeline.SellAsync($"cert-{++sold}"); // its 204 is 20 simulated minutes late
        await Eventually.UntilAsync(async () => (await admin.GetStringAsync("/admin/v1/journal?type=204&limit=10000")).Contains("204 delayed"),
            "the late 204 held", TimeSpan.FromSeconds(30));
        (await admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 1200 })).EnsureSuccessStatusCode();
        await pipeline.WaitUntilAsync(s => s.Packages().Count(p => p.Kind == "206" && p.NoticeAt is not null) >= sold - 1, "the late 204 read", 30);
        await DoneAsync("late-204");
        await SellAndSettleAsync(); // refused with 5002: the contract ended yesterday
        await DoneAsync("contract-expired");
        await SellAndSettleAsync();
        await DoneAsync("closing");

        var result = await admin.GetFromJsonAsync<CertificationSessionResult>(
            $"/admin/v1/certification/sessions/{session.SessionId}/result", AuthorityJson.Options);
        Assert.True(result!.Verdict == CertificationVerdicts.Passed,
            string.Join("\n", result.Steps.Select(s => $"{s.StepId} {s.Verdict}: {string.Join("; ", s.Reasons)}")));
        Assert.Equal("Reference provider", result.SystemName);
        Assert.True(result.Packages >= 7, $"packages {result.Packages}");
    }

    private static HttpClient Admin(Uri sim)
    {
        var client = new HttpClient { BaseAddress = sim };
        client.DefaultRequestHeaders.Add("X-Admin-Key", DemoData.AdminKey);
        return client;
    }
}
