using ConformanceKit.AuthorityContract;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using static ConformanceKit.Einvoice.Samples.SampleErroneousNoticeBuilder;
using C = ConformanceKit.TaxAuthoritySim.Tests.Support.Corrections;

namespace ConformanceKit.TaxAuthoritySim.Tests.Corrections;

/// <summary>The 301 keeps the 204's time bound and takes the 204's faults. One simulator per test: they move its time.</summary>
public sealed class CorrectionTimingTests : IDisposable
{
    private readonly SimulatorFactory _sim = new();
    private readonly AuthorityAdminClient _admin;
    private readonly HttpClient _tvan;

    public CorrectionTimingTests()
    {
        _admin = _sim.AdminClient();
        _tvan = _sim.Tvan();
    }

    public void Dispose() => _sim.Dispose();

    [Fact]
    public async Task The_301_waits_for_the_processing_delay_and_is_never_later_than_15_simulated_minutes()
    {
        await _admin.SetClockAsync(new ClockChange(new DateTimeOffset(2025, 6, 15, 9, 0, 0, TimeSpan.FromHours(7)), Rate: 0));
        var invoice = C.Of(await _tvan.StoredAsync(C.Invoice()));
        await _admin.SetClockAsync(new ClockChange(ProcessingDelaySeconds: 900));

        var notice = C.Notice([new(invoice, Correction.Cancel, "Hủy")]);
        Assert.Equal(0, (await _tvan.PostMessageAsync(notice)).Ack!.Status);
        // Queued and not due until the simulated clock reaches receipt + 15 minutes.
        var health = await Eventually.ValueAsync(() => SimulatorHealth.ReadAsync(_sim.CreateClient()), h => h.Queued == 1);
        Assert.Equal(1, health.Queued);
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(Packages.IdOf(notice))).Select(SimClient.TypeOf));

        await _admin.AdvanceClockAsync(3 * 3600);
        var bytes = await _tvan.WaitForAsync(Packages.IdOf(notice), "301");
        var signature = XmlSignatureVerifier.VerifyNotice(SafeXml.LoadDocument(bytes));
        Assert.True(signature.IsValid);
        Assert.Equal(new DateTime(2025, 6, 15, 9, 15, 0), signature.SigningTime);
        Assert.Equal(1, MessageReader.Read<ErroneousInvoiceReply>(bytes).Invoices[0].Accepted);
    }

    [Fact]
    public async Task A_dropped_301_never_comes_but_the_cancel_is_stored()
    {
        await _admin.AddFaultAsync(new FaultRule { Action = FaultAction.Drop204, MessageType = "303", FirstN = 1 });
        var invoice = C.Of(await _tvan.StoredAsync(C.Invoice())); // a 206: not matched by the rule
        var dropped = C.Notice([new(invoice, Correction.Cancel, "Hủy")]);
        Assert.Equal(0, (await _tvan.PostMessageAsync(dropped)).Ack!.Status);
        await SimulatorHealth.IdleAsync(_sim.CreateClient());
        Assert.Equal(["999"], (await _tvan.ResponsesAsync(Packages.IdOf(dropped))).Select(SimClient.TypeOf));

        var again = await _tvan.ReplyAsync(C.Notice([new(invoice, Correction.Cancel, "Hủy")]));
        Assert.Equal(["9103"], again.CodesOf(0));
    }
}
