using System.Net;
using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Import;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Provider.Tests.Pipelines;

/// <summary>The connection modes (folder, table) and the deferred token signing, end to end against the simulator.
/// (Token signing through `ck sign` is in Conformance.Tests, ProviderCommandTests.)</summary>
public sealed class ProviderModeTests
{
    [Fact]
    public async Task Remote_mode_signs_through_the_signing_service_and_waits_while_it_is_down()
    {
        using var certificate = SamplePackageBuilder.CreateCertificate();
        await using var service = await RemoteSigningService.StartAsync(new RemoteSigningOptions { Certificate = certificate, SignerKey = "k" });
        service.FailNext(2);
        using var signer = new RemoteSigner(service.Url, "k");
        await using var p = await Pipeline.StartAsync(signer: signer);
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "the invoice is accepted once the service signs");
        var package = Assert.Single(p.Store.Packages());
        Assert.Equal(PackageState.Accepted, package.State);
        Assert.True(service.Signatures >= 1);
        Assert.Equal("remote", (await p.GetAsync("api/v1/status")).GetProperty("signer").GetString());
    }

    [Fact]
    public async Task A_signed_package_whose_content_was_changed_is_refused()
    {
        await using var p = await Pipeline.StartAsync(signer: new DeferredTokenSigner());
        await p.SellAsync("s1");
        await p.WaitUntilAsync(s => s.Packages(PackageState.ToSign).Count == 1, "the package waits for a signature");
        var package = p.Store.Packages(PackageState.ToSign).Single();
        var tampered = Encoding.UTF8.GetString(package.Unsigned).Replace("Cà phê sữa đá", "Cà phê đen", StringComparison.Ordinal);
        using var signer = new PfxPackageSigner(SamplePackageBuilder.CreateCertificate());
        var signed = await signer.SignAsync(Encoding.UTF8.GetBytes(tampered), DateTime.UtcNow, CancellationToken.None);
        using var content = new ByteArrayContent(signed!);
        using var response = await p.Api.PutAsync($"api/v1/packages/{package.MessageId}/signed", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("DLieu differs", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PackageState.ToSign, p.Store.FindPackage(package.MessageId)!.State);
    }

    [Fact]
    public async Task Sale_files_dropped_in_the_folder_are_issued_and_accepted_and_a_bad_file_sends_nothing()
    {
        await using var p = await Pipeline.StartAsync(o => o with { Sync = SyncMode.Periodic, BatchInterval = TimeSpan.FromMilliseconds(200) });
        var inbox = Path.Combine(TestFolder.Create(), "inbox");
        Directory.CreateDirectory(inbox);
        var watcher = new SaleFolderWatcher(p.Provider.Engine, inbox, TimeSpan.FromMilliseconds(100)) { AssumeComplete = true };
        p.Provider.AddLoop(watcher.RunAsync);
        File.WriteAllText(Path.Combine(inbox, "bad.csv"),
            "sale_id,name,unit,quantity,unit_price,vat_rate\nB-1,Trà,Ly,1,10000,10%\nB-2,Bánh,Cái,abc,5000,8%\n");
        File.WriteAllText(Path.Combine(inbox, "ok.csv"),
            "sale_id,name,unit,quantity,unit_price,vat_rate\nA-1,Trà,Ly,1,10000,10%\nA-2,Bánh,Cái,2,5000,8%\n");
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 2, "the good file's two sales are accepted");
        await p.WaitUntilAsync(_ => Directory.Exists(watcher.RejectedFolder) && Directory.GetFiles(watcher.RejectedFolder, "*.errors.csv").Length == 1,
            "the bad file is rejected with its errors");
        var errors = File.ReadAllText(Directory.GetFiles(watcher.RejectedFolder, "*.errors.csv").Single());
        Assert.Contains("quantity", errors, StringComparison.Ordinal);
        Assert.Contains("3", errors, StringComparison.Ordinal); // row 3 of the file
        Assert.Equal(2, p.Store.Invoices().Count); // nothing of bad.csv was issued
    }

    [Fact]
    public async Task Sales_written_to_the_intermediate_table_are_issued_and_the_row_gets_its_code()
    {
        await using var p = await Pipeline.StartAsync();
        var shop = "Data Source=" + Path.Combine(TestFolder.Create(), "shop.db");
        var poller = new IntermediateTablePoller(p.Provider.Engine, shop, TimeSpan.FromMilliseconds(100));
        poller.EnsureSchema();
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection(shop))
        {
            db.Open();
            using var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO ck_sales (id) VALUES ('T-1');
                INSERT INTO ck_sale_lines (sale_id, line_no, name, unit, quantity, unit_price, vat_rate) VALUES ('T-1', 1, 'Phở bò', 'Bát', '1', '55000', '8%');
                """;
            insert.ExecuteNonQuery();
        }
        p.Provider.AddLoop(poller.RunAsync);
        await p.WaitUntilAsync(s => s.Invoices(InvoiceState.Accepted).Count == 1, "the table's sale is accepted");
        using var check = new Microsoft.Data.Sqlite.SqliteConnection(shop);
        check.Open();
        using var read = check.CreateCommand();
        read.CommandText = "SELECT invoice_code FROM ck_sales WHERE id = 'T-1'";
        Assert.Equal(p.Store.Invoices().Single().Code, read.ExecuteScalar() as string);
    }
}
