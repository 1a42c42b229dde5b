using System.Net;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>The control plane's read-only view of messages: the body as received and its responses (for `ck observe`).</summary>
public sealed class AdminMessageTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private readonly HttpClient _admin = sim.Admin();

    [Fact]
    public async Task The_message_comes_back_byte_for_byte_as_posted()
    {
        var body = Packages.Signed();
        var posted = await sim.Tvan().PostMessageAsync(body);
        Assert.Equal(0, posted.Ack!.Status);

        using var response = await _admin.GetAsync($"/admin/v1/messages/{Packages.IdOf(body)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_both_routes()
    {
        var doc = await sim.CreateClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/admin/v1/messages/{messageId}\"", doc);
        Assert.Contains("\"/admin/v1/messages/{messageId}/responses\"", doc);
    }

    [Fact]
    public async Task An_unknown_message_is_404_on_both_routes()
    {
        var unknown = "V0309478306" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/admin/v1/messages/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/admin/v1/messages/{unknown}/responses")).StatusCode);
    }

    [Fact]
    public async Task Both_routes_need_the_admin_key_and_a_TVAN_key_does_not_open_them()
    {
        var body = Packages.Signed();
        await sim.Tvan().PostMessageAsync(body);
        var id = Packages.IdOf(body);
        foreach (var route in new[] { $"/admin/v1/messages/{id}", $"/admin/v1/messages/{id}/responses" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await sim.CreateClient().GetAsync(route)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await sim.Tvan().GetAsync(route)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await sim.Admin("wrong-key").GetAsync(route)).StatusCode);
        }
    }

    [Fact]
    public async Task The_responses_route_gives_the_999_and_the_204_like_the_TVAN_route()
    {
        var body = Packages.Signed();
        var tvan = sim.Tvan();
        await tvan.PostMessageAsync(body);
        var id = Packages.IdOf(body);
        await tvan.WaitForAsync(id, "204");

        using var response = await _admin.GetAsync($"/admin/v1/messages/{id}/responses");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var list = SimClient.Split(bytes);
        Assert.Equal(["999", "204"], list.Select(SimClient.TypeOf));
        Assert.Equal(0, MessageReader.Read<TechnicalAck>(list[0]).Status);
        var notice = MessageReader.Read<DataCheckNotice>(list[1]);
        Assert.Equal(2, notice.Kind);
        Assert.Equal(id, notice.Header.ReplyToId);

        using var viaTvan = await tvan.GetAsync($"/api/v1/messages/{id}/responses");
        Assert.Equal(await viaTvan.Content.ReadAsByteArrayAsync(), bytes);
    }
}
