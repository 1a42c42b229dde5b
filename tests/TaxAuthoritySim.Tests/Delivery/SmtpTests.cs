using System.Net;
using System.Net.Sockets;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using C = ConformanceKit.TaxAuthoritySim.Tests.Support.Corrections;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>With --smtp host:port the 204 e-mail goes to an SMTP server (here a scripted one on loopback).</summary>
public sealed class SmtpTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _messages = [];
    private readonly CancellationTokenSource _stop = new();

    public SmtpTests()
    {
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Dispose();
    }

    [Fact]
    public async Task The_notice_is_sent_to_the_SMTP_server_and_no_eml_file_is_written()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        using var sim = SimulatorFactory.With(null, new Dictionary<string, string?> { ["smtp"] = $"127.0.0.1:{port}" });
        var tvan = sim.Tvan();
        var body = Packages.Signed();
        await tvan.PostMessageAsync(body);
        await tvan.NoticeAsync(Packages.IdOf(body));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            lock (_messages) if (_messages.Count > 0) break;
            Assert.True(DateTime.UtcNow < deadline, "no message reached the SMTP server");
            await Task.Delay(50);
        }
        string mail;
        lock (_messages) mail = _messages[0];
        Assert.Contains("RCPT TO:<cua-hang-a@example.test>", mail);
        Assert.Contains(Packages.IdOf(body), mail);
        Assert.Contains("TB-KTDL-", mail);
        Assert.False(Directory.Exists(Path.Combine(sim.DataDirectory, "outbox")) &&
                     Directory.GetFiles(Path.Combine(sim.DataDirectory, "outbox")).Length > 0);
    }

    [Fact]
    public async Task The_buyer_of_a_replacement_is_sent_one_message_through_the_SMTP_server()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        using var sim = SimulatorFactory.With(null, new Dictionary<string, string?> { ["smtp"] = $"127.0.0.1:{port}" });
        var tvan = sim.Tvan();
        var original = C.Of(await tvan.StoredAsync(C.Invoice()));
        var package = await tvan.StoredAsync(Packages.Signed(Packages.Options(invoices: 1) with { SalesInvoiceEvery = 0 }, change: p =>
        {
            p.Invoices[0].Buyer = new Einvoice.Model.Party { Name = "Người Mua", Email = "nguoi-mua@example.test" };
            p.Invoices[0].General.RelatedInvoice = C.RelatedTo(original, 1);
        }));
        // The taxpayer's message of that 204 comes after the buyer's.
        var id = Packages.IdOf(package);
        var done = await Eventually.TryUntilAsync(() => { lock (_messages) return _messages.Any(m => m.Contains(id)); }, TimeSpan.FromSeconds(15));
        Assert.True(done, "the taxpayer's message of the replacement's 204 did not reach the SMTP server");
        string[] toBuyer;
        lock (_messages) toBuyer = [.. _messages.Where(m => m.Contains("RCPT TO:<nguoi-mua@example.test>"))];
        var mail = Assert.Single(toBuyer);
        Assert.Contains("X-MCCQT: " + C.Of(package).Code, mail);
        Assert.False(Directory.Exists(Path.Combine(sim.DataDirectory, "outbox")) &&
                     Directory.GetFiles(Path.Combine(sim.DataDirectory, "outbox")).Length > 0);
    }

    /// <summary>Just enough SMTP: greet, accept every command, collect DATA until the lone dot.</summary>
    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                    var transcript = new StringBuilder();
                    await writer.WriteLineAsync("220 test SMTP ready");
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        transcript.AppendLine(line);
                        var verb = line.Split(' ')[0].ToUpperInvariant();
                        if (verb is "EHLO" or "HELO") await writer.WriteLineAsync("250 test");
                        else if (verb == "DATA")
                        {
                            await writer.WriteLineAsync("354 go ahead");
                            while (await reader.ReadLineAsync() is { } data && data != ".") transcript.AppendLine(data);
                            lock (_messages) _messages.Add(transcript.ToString());
                            await writer.WriteLineAsync("250 queued");
                        }
                        else if (verb == "QUIT") { await writer.WriteLineAsync("221 bye"); return; }
                        else await writer.WriteLineAsync("250 ok");
                    }
                }
            });
        }
    }
}
