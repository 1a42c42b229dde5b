using System.Net;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.ProviderSim.Tests;

/// <summary>Every ready fault mapping of every profile, turned on through the admin API (its scenario's state) and met by a POS.</summary>
[Collection("pipeline")]
public sealed class FaultTests(PipelineFixture fixture)
{
    /// <summary>The POS's side of one profile, enough to issue, check and recover.</summary>
    private sealed class Driver : IDisposable
    {
        private readonly ViettelPos? _viettel;
        private readonly MisaPos? _misa;

        public Driver(string profile, Uri address, TimeSpan? timeout = null)
        {
            if (profile == "viettel-sinvoice") _viettel = new ViettelPos(address, DemoData.TaxCode, timeout);
            else _misa = new MisaPos(address, DemoData.TaxCode, timeout);
        }

        public async Task LoginAsync()
        {
            if (_viettel is not null) Assert.Equal(HttpStatusCode.OK, (await _viettel.LoginAsync()).StatusCode);
            else Assert.True((await _misa!.LoginAsync()).GetProperty("Success").GetBoolean());
        }

        public Task<HttpResponseMessage> IssueAsync(string id, CancellationToken ct = default) =>
            _viettel?.CreateAsync(ViettelPos.Invoice(id), ct) ?? _misa!.PublishAsync(MisaPos.Invoice(id), ct);

        /// <summary>The authority code of an issued invoice, or null when the answer is not a success.</summary>
        public static async Task<string?> CodeAsync(HttpResponseMessage response)
        {
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (body.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object)
                return result.GetProperty("codeOfTax").GetString();
            if (body.TryGetProperty("PublishInvoiceResult", out var published) && published.ValueKind == JsonValueKind.String)
            {
                var first = JsonDocument.Parse(published.GetString()!).RootElement[0];
                return first.GetProperty("ErrorCode").ValueKind == JsonValueKind.Null ? first.GetProperty("InvCode").GetString() : null;
            }
            return null;
        }

        public async Task<string> IssuedAsync(string id)
        {
            using var response = await IssueAsync(id);
            var code = await CodeAsync(response);
            Assert.True(code is not null, $"not issued: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return code!;
        }

        /// <summary>The invoice the provider holds for the transaction (Viettel: search by transactionUuid, MISA: status by RefID), or null.</summary>
        public async Task<string?> LookUpAsync(string id)
        {
            if (_viettel is not null)
            {
                using var response = await _viettel.SearchAsync(id);
                return response.StatusCode == HttpStatusCode.OK
                    ? (await ViettelPos.BodyAsync(response)).GetProperty("result")[0].GetProperty("codeOfTax").GetString()
                    : null;
            }
            var rows = await MisaPos.ListAsync(await _misa!.StatusAsync(2, id));
            return rows.GetArrayLength() == 0 ? null : rows[0].GetProperty("InvCode").GetString();
        }

        public void Dispose()
        {
            _viettel?.Dispose();
            _misa?.Dispose();
        }
    }

    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        // the JSON profiles here; the XML ones' faults are met in TvanXmlProfileTests and VnptFaultTests
        foreach (var profile in new ProfileCatalog(ProfileCatalog.DefaultFolder).All.Where(p => p.Backend is not ("tvan-xml" or "vnpt-invoice")))
            foreach (var fault in profile.Faults) data.Add(profile.Name, fault);
        return data;
    }

    [Fact]
    public void Every_profile_has_the_ready_faults()
    {
        var expected = new[] { "authority-unreachable", "delay", "duplicate-transaction", "empty-body", "malformed-body", "rate-limited", "server-error", "token-expired", "unavailable" };
        // the JSON APIs here; the seller → T-VAN XML profile's nine are met in TvanXmlProfileTests
        var profiles = new ProfileCatalog(ProfileCatalog.DefaultFolder).All.Where(p => p.Backend is not ("tvan-xml" or "vnpt-invoice")).ToList();
        Assert.True(profiles.Count >= 2);
        foreach (var p in profiles) Assert.Equal(expected, p.Faults.Order());
    }

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_ready_fault_turned_on_through_the_admin_API_reaches_the_POS_and_the_POS_recovers(string profile, string fault)
    {
        await using var sim = await fixture.StartAsync(profile);
        using var pos = new Driver(profile, sim.Address);
        await pos.LoginAsync();
        await Admin.FaultAsync(sim, fault);
        var id = Guid.NewGuid().ToString("N");

        switch (fault)
        {
            case "delay":
            {
                // the POS gives up after 1 s and retries with the same id; while the slow answer is pending (3 s) the fault is still
                // on (WireMock moves a scenario on when the answer is made), so retries time out too, until one goes through
                await Assert.ThrowsAnyAsync<TaskCanceledException>(() => pos.IssueAsync(id, Patience()));
                string? code = null;
                for (var attempt = 0; attempt < 10 && code is null; attempt++)
                    try
                    {
                        using var retry = await pos.IssueAsync(id, Patience());
                        code = await Driver.CodeAsync(retry);
                    }
                    catch (TaskCanceledException) { /* still slow: retry */ }
                Assert.NotNull(code);
                await Eventually.UntilAsync(async () => Count(await Admin.JournalAsync(sim), "200") >= 2,
                    "a slow request answered after the POS gave up", TimeSpan.FromSeconds(10));
                Assert.Equal(code, await pos.LookUpAsync(id)); // one invoice for the transaction, whichever request issued it
                return;
            }
            case "token-expired":
            {
                using (var first = await pos.IssueAsync(id)) Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
                using (var second = await pos.IssueAsync(id)) Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode); // until a new login
                await pos.LoginAsync();
                await pos.IssuedAsync(id);
                return;
            }
            case "authority-unreachable":
            {
                for (var i = 0; i < 2; i++) // sticky: until turned off
                {
                    using var refused = await pos.IssueAsync(id);
                    Assert.Null(await Driver.CodeAsync(refused));
                    Assert.Contains("Cơ quan thuế", await refused.Content.ReadAsStringAsync());
                }
                Assert.Null(await pos.LookUpAsync(id));
                await Admin.FaultAsync(sim, fault, on: false);
                await pos.IssuedAsync(id);
                return;
            }
        }

        using (var faulty = await pos.IssueAsync(id))
        {
            var text = await faulty.Content.ReadAsStringAsync();
            switch (fault)
            {
                case "rate-limited":
                    Assert.Equal(HttpStatusCode.TooManyRequests, faulty.StatusCode);
                    Assert.Equal(TimeSpan.FromSeconds(1), faulty.Headers.RetryAfter?.Delta);
                    break;
                case "server-error":
                    Assert.Equal(HttpStatusCode.InternalServerError, faulty.StatusCode);
                    break;
                case "unavailable":
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, faulty.StatusCode);
                    Assert.StartsWith("<html>", text);
                    break;
                case "empty-body":
                    Assert.Equal(HttpStatusCode.OK, faulty.StatusCode);
                    Assert.Equal("", text);
                    break;
                case "malformed-body":
                    Assert.Equal(HttpStatusCode.OK, faulty.StatusCode);
                    Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
                    break;
                case "duplicate-transaction":
                    Assert.Null(await Driver.CodeAsync(faulty));
                    Assert.Contains(profile == "viettel-sinvoice" ? "TRANSACTION_UUID_EXISTED" : "DuplicateInvoiceRefID", text);
                    break;
                default:
                    Assert.Fail("no expectation for fault " + fault);
                    break;
            }
        }
        Assert.Null(await pos.LookUpAsync(id)); // nothing was issued
        await pos.IssuedAsync(id); // a one-shot fault: the retry goes through
    }

    /// <summary>The POS waits 1 s for an answer.</summary>
    private static CancellationToken Patience() => new CancellationTokenSource(TimeSpan.FromSeconds(1)).Token;

    private static int Count(JsonElement journal, string status) =>
        journal.EnumerateArray().Count(e => e.GetProperty("Request").GetProperty("Path").GetString()!.Contains("nvoice")
                                            && e.GetProperty("Response").GetProperty("StatusCode").ToString() == status
                                            && e.GetProperty("Request").GetProperty("Method").GetString() == "POST");
}
