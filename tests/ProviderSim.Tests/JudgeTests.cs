using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>The judgement of what a POS sent (GET /__sim/judge), from the request journal.</summary>
[Collection("pipeline")]
public sealed class JudgeTests(PipelineFixture fixture)
{
    /// <summary>The judgement once the journal holds the POS's <paramref name="requests"/> (WireMock logs a request after answering it).</summary>
    internal static async Task<Dictionary<string, string>> VerdictsAsync(ProviderSimServer sim, int requests)
    {
        await Eventually.UntilAsync(() => sim.Server.LogEntries.Count(e => !e.RequestMessage.Path.StartsWith("/__", StringComparison.Ordinal)) >= requests,
            $"{requests} requests in the journal");
        using var admin = Admin.Client(sim);
        var judgement = await admin.GetFromJsonAsync<JsonElement>("__sim/judge");
        return judgement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("id").GetString()!,
            c => c.GetProperty("verdict").GetString() + " " + string.Join(" | ", c.GetProperty("findings").EnumerateArray().Select(f => f.GetString())));
    }

    internal static void Expect(Dictionary<string, string> verdicts, string check, string verdict) =>
        Assert.True(verdicts[check].StartsWith(verdict, StringComparison.Ordinal),
            $"{check}: expected {verdict}\n" + string.Join("\n", verdicts.Select(v => v.Key + ": " + v.Value)));

    [Fact]
    public async Task A_POS_that_keeps_its_id_reuses_its_token_and_waits_as_told_passes()
    {
        await using var sim = await fixture.StartAsync("viettel-sinvoice");
        using var pos = new ViettelPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(Guid.NewGuid().ToString())));
        await Admin.FaultAsync(sim, "rate-limited");
        var id = Guid.NewGuid().ToString();
        using (var limited = await pos.CreateAsync(ViettelPos.Invoice(id, unitPrice: 31000m)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            await Task.Delay(limited.Headers.RetryAfter!.Delta!.Value); // what the provider asked for
        }
        await ViettelPos.BodyAsync(await pos.CreateAsync(ViettelPos.Invoice(id, unitPrice: 31000m)));

        var verdicts = await VerdictsAsync(sim, 4);
        Expect(verdicts, "transaction-id", "pass");
        Expect(verdicts, "same-id-on-retry", "pass");
        Expect(verdicts, "login-reuse", "pass");
        Expect(verdicts, "back-off", "pass");
        Expect(verdicts, "accepted-content", "pass");
        Expect(verdicts, "required-fields", "pass");
        Expect(verdicts, "totals", "pass");
        Expect(verdicts, "amount-in-words", "pass");
    }

    [Fact]
    public async Task A_POS_that_changes_its_id_on_retry_hammers_and_logs_in_per_call_is_called_out()
    {
        await using var sim = await fixture.StartAsync("misa-meinvoice");
        using var pos = new MisaPos(sim.Address, DemoData.TaxCode);
        await pos.LoginAsync();
        await Admin.FaultAsync(sim, "server-error");
        using (var failed = await pos.PublishAsync(MisaPos.Invoice(Guid.NewGuid().ToString("N"), unitPrice: 33000m)))
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using (var again = await pos.PublishAsync(MisaPos.Invoice(Guid.NewGuid().ToString("N"), unitPrice: 33000m))) // a new id, at once
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await pos.LoginAsync(); // a login per call
        using (var wrong = await pos.PublishAsync(MisaPos.Invoice("", unitPrice: 34000m, claimedTotal: 1m))) // no RefID, a wrong total
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);

        var verdicts = await VerdictsAsync(sim, 5);
        Expect(verdicts, "transaction-id", "fail");
        Expect(verdicts, "same-id-on-retry", "fail");
        Assert.Contains("new id", verdicts["same-id-on-retry"]);
        Expect(verdicts, "login-reuse", "warn");
        Expect(verdicts, "back-off", "fail");
        Expect(verdicts, "accepted-content", "fail");
        Expect(verdicts, "required-fields", "fail");
        Assert.Contains("InvoiceData[0].RefID is missing", verdicts["required-fields"]);
        Expect(verdicts, "totals", "fail");
        Assert.Contains("TotalAmountOC 1 is not TotalAmountWithoutVATOC + TotalVATAmountOC", verdicts["totals"]);
    }

    [Fact]
    public async Task A_VNPT_POS_is_judged_on_its_Fkey_its_DSHDon_and_its_amount_in_words()
    {
        await using var sim = await fixture.StartAsync("vnpt-invoice");
        using var pos = new VnptPos(sim.Address);
        var fkey = "POS1-" + Guid.NewGuid().ToString("N")[..20];
        await Admin.FaultAsync(sim, "server-error");
        using (var failed = await pos.PublishAsync(VnptPos.Invoice(fkey)))
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        await Task.Delay(300); // backs off
        Assert.StartsWith("OK:", await VnptPos.ResultAsync(await pos.PublishAsync(VnptPos.Invoice(fkey)))); // the same Fkey
        // accepted by the provider (it checks figures, not words), called out by the judgement
        var words = VnptPos.Invoice("POS1-" + Guid.NewGuid().ToString("N")[..20], unitPrice: 40000m, quantity: 1, words: "Một trăm nghìn đồng");
        words.Descendants("DVTinh").Single().Remove();
        await VnptPos.ResultAsync(await pos.PublishAsync(words));

        var verdicts = await VerdictsAsync(sim, 3);
        Expect(verdicts, "transaction-id", "pass");
        Expect(verdicts, "same-id-on-retry", "pass");
        Expect(verdicts, "login-reuse", "not-seen");
        Expect(verdicts, "back-off", "pass");
        Expect(verdicts, "amount-in-words", "fail");
        Assert.Contains("reads 100,000, the total is 44,000", verdicts["amount-in-words"]);
        Expect(verdicts, "required-fields", "fail");
        Assert.Contains("HDon[0].HHDVu[0].DVTinh is missing", verdicts["required-fields"]);
        Expect(verdicts, "totals", "pass");
    }
}
