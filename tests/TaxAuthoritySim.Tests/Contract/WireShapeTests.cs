using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Contract;

/// <summary>
/// Pins the JSON each control-plane route (and /health, the invoice look-up) answers: property names, their order, the
/// kind of each value, and which properties are left out when empty. Raw HTTP on purpose: this is the wire the typed
/// client (src/AuthorityContract) and every other client read, and it must not change under them.
/// </summary>
public sealed class WireShapeTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly HttpClient _admin;
    private readonly HttpClient _tvan;

    public WireShapeTests()
    {
        _admin = _sim.Admin();
        _tvan = _sim.Tvan();
    }

    public void Dispose() => _sim.Dispose();

    private const string Clock =
        "{now:string,rate:number,real:bool,processingDelaySeconds:number,noticeDeadlineSeconds:number}";

    [Fact]
    public async Task Seed_reset_and_clock_answer_the_same_JSON_as_before()
    {
        var seeded = await _admin.PostAsync("/admin/v1/seed", Json("""{ "tvans": [ { "code": "V0301521415", "name": "X", "apiKey": "pin-key" } ] }"""));
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal("{taxpayers:number,tvans:number}", await ShapeOf(seeded));

        Assert.Equal(Clock, await ShapeOf(await _admin.GetAsync("/admin/v1/clock")));
        var set = await _admin.PutAsync("/admin/v1/clock", Json("""{ "now": "2025-06-15T09:00:00+07:00", "rate": 0, "processingDelaySeconds": 0 }"""));
        var clock = await ReadAsync(set);
        Assert.Equal(Clock, Shape(clock));
        Assert.Equal("2025-06-15T09:00:00.000+07:00", clock.GetProperty("now").GetString());
        Assert.False(clock.GetProperty("real").GetBoolean());
        Assert.Equal(900, clock.GetProperty("noticeDeadlineSeconds").GetDouble());
        var advanced = await ReadAsync(await _admin.PostAsync("/admin/v1/clock/advance", Json("""{ "seconds": 60 }""")));
        Assert.Equal(Clock, Shape(advanced));
        Assert.Equal("2025-06-15T09:01:00.000+07:00", advanced.GetProperty("now").GetString());

        var reset = await _admin.PostAsync("/admin/v1/reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal("{reset:bool,taxpayers:number,tvans:number}", await ShapeOf(reset));
    }

    [Fact]
    public async Task Fault_rules_leave_out_what_is_not_set()
    {
        var added = await _admin.PostAsync("/admin/v1/faults", Json("""{ "action": "Status503", "mst": "0106324653", "firstN": 1 }"""));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("{id:string,mst:string,action:string,firstN:number,matched:number,fired:number}", await ShapeOf(added));
        var full = await _admin.PostAsync("/admin/v1/faults", Json("""
            { "action": "Delay204", "route": "/api/v1/messages", "messageType": "206", "mst": "0106324653", "tvan": "V0309478306",
              "delaySeconds": 60, "probability": 0.5, "firstN": 2 }
            """));
        var rule = await ReadAsync(full);
        Assert.Equal("{id:string,route:string,messageType:string,mst:string,tvan:string,action:string,delaySeconds:number,"
                     + "probability:number,firstN:number,matched:number,fired:number}", Shape(rule));
        Assert.Equal("Delay204", rule.GetProperty("action").GetString());

        var list = await ReadAsync(await _admin.GetAsync("/admin/v1/faults"));
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(2, list.GetArrayLength());
        Assert.Equal("{id:string,mst:string,action:string,firstN:number,matched:number,fired:number}", Shape(list[0]));

        var cleared = await _admin.DeleteAsync("/admin/v1/faults?seed=7");
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal("[]", await ShapeOf(await _admin.GetAsync("/admin/v1/faults")));
    }

    [Fact]
    public async Task Journal_reconciliation_health_and_look_up_answer_the_same_JSON_as_before()
    {
        // 8003: the same SHDon twice in one series (different MCCQT) — a finding and a 302 for the month.
        var first = Packages.Options(invoices: 1);
        var one = Packages.Signed(first);
        var again = Packages.Signed(Packages.Options(invoices: 1) with { FirstSerial = first.FirstSerial + 100_000_000 });
        foreach (var body in new[] { one, again })
        {
            Assert.Equal(0, (await _tvan.PostMessageAsync(body)).Ack!.Status);
            Assert.Equal(2, (await _tvan.NoticeAsync(Packages.IdOf(body))).Kind);
        }

        var journal = await ReadAsync(await _admin.GetAsync($"/admin/v1/journal?mst={DemoData.TaxCode}"));
        Assert.Equal("{entries:[],next:number}", Shape(journal, depth: 1));
        var entries = journal.GetProperty("entries").EnumerateArray().ToList();
        var received = entries.First(e => e.GetProperty("direction").GetString() == "in");
        Assert.Equal("{seq:number,at:string,wallAt:string,direction:string,type:string,messageId:string,mst:string,tvan:string,"
                     + "httpStatus:number,outcome:string}", Shape(received));
        var notice = entries.First(e => e.GetProperty("type").GetString() == "204");
        Assert.Equal("{seq:number,at:string,wallAt:string,direction:string,type:string,messageId:string,replyTo:string,mst:string,"
                     + "tvan:string,outcome:string,latencySeconds:number,latencyMs:number}", Shape(notice));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00$", received.GetProperty("at").GetString());

        var reconciled = await _admin.PostAsync("/admin/v1/reconciliation", Json("""{ "month": "2025-06" }"""));
        Assert.Equal(HttpStatusCode.OK, reconciled.StatusCode);
        var result = await ReadAsync(reconciled);
        Assert.Equal("{month:string,invoicesChecked:number,taxpayersWithFindings:number,"
                     + "findings:[{code:string,mst:string,invoiceCode:string,form:number,series:string,number:string,issuedOn:string,"
                     + "message:string,messageId:string}],notices:[{messageId:string,mst:string,tvan:string,replyTo:string,invoices:[string]}]}",
            Shape(result));
        var empty = await ReadAsync(await _admin.PostAsync("/admin/v1/reconciliation", Json("""{ "month": "2031-01" }""")));
        Assert.Equal("{month:string,invoicesChecked:number,taxpayersWithFindings:number,findings:[],notices:[]}", Shape(empty));

        // Both notices are out: the simulator goes idle (nothing queued, processing or pending) with both counted.
        var idle = await SimulatorHealth.IdleAsync(_sim.CreateClient());
        Assert.True(idle.Processed >= 2, $"processed: {idle.Processed}");
        Assert.Equal("{status:string,store:string,messages:number,pending:number,invoices:number,queued:number,processed:number,idle:bool}",
            await ShapeOf(await _sim.CreateClient().GetAsync("/health")));

        // The look-up writes every property, null included; the invoice's state and chain came after (additive, issue 18).
        var code = Packages.CodesOf(one)[0];
        var view = await ReadAsync(await _tvan.GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{code}"));
        Assert.Equal("{mst:string,code:string,form:number,series:string,number:string,issuedOn:string,sellerName:string,"
                     + "buyerName:null,buyerMst:null,totalBeforeTax:number,totalTax:number,total:number,currency:string,storedAt:string,"
                     + "messageId:string,xml:string,state:string,cancelledBy:null,cancelReason:null,replacedBy:[],adjustedBy:[],"
                     + "relation:null,relatedInvoice:null,relatedCode:null}", Shape(view));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> ShapeOf(HttpResponseMessage response) => Shape(await ReadAsync(response));

    /// <summary>Names in order and the kind of each value; an array by its first element.</summary>
    private static string Shape(JsonElement e, int depth = int.MaxValue) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().Select(p => p.Name + ":" + Shape(p.Value, depth - 1))) + "}",
        JsonValueKind.Array => depth <= 0 || e.GetArrayLength() == 0 ? "[]" : "[" + Shape(e[0], depth - 1) + "]",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "null",
    };
}
