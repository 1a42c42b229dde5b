using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>
/// Out-of-range control-plane input (the hardening campaign): a 400 problem naming the field, and no state
/// changed. One simulator per test: some of them would move its clock if the refusal failed.
/// </summary>
public sealed class AdminInputTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly HttpClient _admin;

    public AdminInputTests() => _admin = _sim.Admin();

    public void Dispose() => _sim.Dispose();

    private async Task<JsonElement> Send(HttpMethod method, string url, string json, string field)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {json} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, text, StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<JsonElement> Clock() => await _admin.GetFromJsonAsync<JsonElement>("/admin/v1/clock");

    [Theory]
    [InlineData("""{"now":"9999-12-31T23:59:59+00:00"}""", "now")]
    [InlineData("""{"now":"0001-01-01T00:00:00+00:00"}""", "now")]
    [InlineData("""{"now":"1999-12-31T23:59:59+00:00"}""", "now")]
    [InlineData("""{"now":"2200-01-01T00:00:00+00:00"}""", "now")]
    [InlineData("""{"rate":"NaN"}""", "rate")]
    [InlineData("""{"rate":"Infinity"}""", "rate")]
    [InlineData("""{"processingDelaySeconds":"NaN"}""", "processingDelaySeconds")]
    [InlineData("""{"processingDelaySeconds":"-Infinity"}""", "processingDelaySeconds")]
    [InlineData("""{"now":"2025-06-15T09:00:00+07:00","rate":"NaN"}""", "rate")]
    public async Task A_clock_change_out_of_range_is_refused_and_changes_nothing(string json, string field)
    {
        await Send(HttpMethod.Put, "/admin/v1/clock", json, field);
        var clock = await Clock();
        Assert.True(clock.GetProperty("real").GetBoolean(), clock.ToString());
        Assert.Equal(1.0, clock.GetProperty("rate").GetDouble());
        Assert.Equal(0.0, clock.GetProperty("processingDelaySeconds").GetDouble());
        Assert.Equal(HttpStatusCode.OK, (await _sim.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_clock_accepts_the_edges_of_its_range_but_cannot_be_advanced_past_it()
    {
        var late = await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = "2199-12-31T00:00:00+00:00", rate = 0.0 });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var problem = await Send(HttpMethod.Post, "/admin/v1/clock/advance", """{"seconds":172800}""", "seconds");
        Assert.Contains("2199", problem.GetProperty("detail").GetString());
        Assert.StartsWith("2199-12-31T07:00:00", (await Clock()).GetProperty("now").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync("/admin/v1/clock/advance", new { seconds = 3600 })).StatusCode);
        var early = await _admin.PutAsJsonAsync("/admin/v1/clock", new { now = "2000-01-01T00:00:00+00:00" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
    }

    [Theory]
    [InlineData("""{"seconds":"NaN"}""")]
    [InlineData("""{"seconds":"Infinity"}""")]
    [InlineData("""{"seconds":1e300}""")]
    [InlineData("""{"seconds":-5}""")]
    public async Task A_bad_advance_is_refused(string json)
    {
        await Send(HttpMethod.Post, "/admin/v1/clock/advance", json, "seconds");
        Assert.True((await Clock()).GetProperty("real").GetBoolean());
    }

    [Theory]
    [InlineData("""{"action":"Status500","probability":"NaN"}""", "probability")]
    [InlineData("""{"action":"Status500","probability":1.5}""", "probability")]
    [InlineData("""{"action":"Delay204","delaySeconds":1e300}""", "delaySeconds")]
    [InlineData("""{"action":"Delay204","delaySeconds":"Infinity"}""", "delaySeconds")]
    [InlineData("""{"action":"Delay204","delaySeconds":"NaN"}""", "delaySeconds")]
    [InlineData("""{"action":"Delay204","delaySeconds":3601}""", "delaySeconds")]
    [InlineData("""{"action":"Drop204","delaySeconds":"NaN"}""", "delaySeconds")]
    [InlineData("""{"action":"Drop204","firstN":0}""", "firstN")]
    public async Task A_fault_rule_out_of_range_is_refused_and_nothing_is_stored(string json, string field)
    {
        await Send(HttpMethod.Post, "/admin/v1/faults", json, field);
        var faults = await _admin.GetAsync("/admin/v1/faults");
        Assert.Equal(HttpStatusCode.OK, faults.StatusCode);
        Assert.Equal("[]", (await faults.Content.ReadAsStringAsync()).Trim());
        var tvan = _sim.Tvan();
        var body = Packages.Signed();
        Assert.Equal(0, (await tvan.PostMessageAsync(body)).Ack!.Status);
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(body))).Kind);
    }

    [Theory]
    [InlineData("9999-12")]
    [InlineData("0001-01")]
    [InlineData("1999-12")]
    [InlineData("2200-01")]
    public async Task A_reconciliation_month_out_of_range_is_refused(string month)
    {
        var problem = await Send(HttpMethod.Post, "/admin/v1/reconciliation", $$"""{"month":"{{month}}"}""", "month");
        Assert.Contains("2000-01", problem.GetProperty("detail").GetString());
        var ok = await _admin.PostAsJsonAsync("/admin/v1/reconciliation", new { month = "2000-01" });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("""{"adminKey":""}""", "adminKey")]
    [InlineData("""{"adminKey":"   "}""", "adminKey")]
    [InlineData("""{"adminKey":"short-key"}""", "adminKey")]
    [InlineData("""{"adminKey":"a key with spaces in it"}""", "adminKey")]
    [InlineData("""{"tvans":[{"code":"V0301521415","apiKey":""}]}""", "tvans[0].apiKey")]
    [InlineData("""{"tvans":[{"code":"V0301521415","apiKey":"  "}]}""", "tvans[0].apiKey")]
    [InlineData("""{"tvans":[{"code":"V0301521415","apiKey":"tab\tkey"}]}""", "tvans[0].apiKey")]
    public async Task A_seed_with_an_empty_or_weak_key_is_refused_and_the_keys_still_work(string json, string field)
    {
        await Send(HttpMethod.Post, "/admin/v1/seed", json, field);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/admin/v1/clock")).StatusCode);
        Assert.Equal(0, (await _sim.Tvan().PostMessageAsync(Packages.Signed())).Ack!.Status);
        var strong = await _admin.PostAsJsonAsync("/admin/v1/seed", new { adminKey = "a-new-admin-key-1" });
        Assert.Equal(HttpStatusCode.OK, strong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _admin.GetAsync("/admin/v1/clock")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _sim.Admin("a-new-admin-key-1").GetAsync("/admin/v1/clock")).StatusCode);
    }

    [Fact]
    public async Task Keys_of_another_length_or_a_prefix_are_refused()
    {
        foreach (var key in new[] { DemoData.AdminKey[..^1], DemoData.AdminKey + "x", DemoData.AdminKey.ToUpperInvariant() })
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sim.Admin(key).GetAsync("/admin/v1/clock")).StatusCode);
        foreach (var key in new[] { DemoData.TvanApiKey[..^1], DemoData.TvanApiKey + "x", "" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await _sim.Tvan(key).PostMessageAsync(Packages.Signed())).Status);
    }
}
