using System.CommandLine;
using System.Globalization;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Pos;

namespace ConformanceKit.Conformance.Commands.Provider;

/// <summary>The options of `ck provider` (run): the seller, the target, when to package, how to sign, which connections.</summary>
public sealed class ProviderRunOptions
{
    public Option<string> Db { get; } = new("--db") { Description = "the provider's SQLite file: codes, outbox, statuses (created when missing)", Required = true };

    public Option<string> Mst { get; } = new("--mst") { Description = "the seller's tax code", DefaultValueFactory = _ => DemoData.TaxCode };

    public Option<string> Block { get; } = new("--block") { Description = "the seller's cash-register code block", DefaultValueFactory = _ => DemoData.CodeBlock };

    public Option<string> Register { get; } = new("--register") { Description = "the register used when a sale names none", DefaultValueFactory = _ => "quay-1" };

    public Option<int> Form { get; } = new("--form") { Description = "KHMSHDon: 1 VAT invoice, 2 sales invoice", DefaultValueFactory = _ => 1 };

    public Option<string> Series { get; } = new("--series") { Description = "KHHDon characters 5–6", DefaultValueFactory = _ => "YY" };

    public Option<string> SellerName { get; } = new("--seller-name") { Description = "NBan/Ten", DefaultValueFactory = _ => DemoData.SellerName };

    public Option<string> SellerAddress { get; } = new("--seller-address") { Description = "NBan/DChi", DefaultValueFactory = _ => DemoData.SellerAddress };

    public Option<Uri> Target { get; } = HttpUrl.Option("--target", "the tax authority (the simulator, or your endpoint)", "http://127.0.0.1:5080/");

    public Option<string> Tvan { get; } = new("--tvan") { Description = "MNGui: the T-VAN code to send as", DefaultValueFactory = _ => DemoData.TvanCode };

    public Option<string> ApiKey { get; } = new("--api-key") { Description = "the T-VAN's key at the authority (X-Api-Key)", DefaultValueFactory = _ => DemoData.TvanApiKey };

    public Option<string> Listen { get; } = new("--listen") { Description = "the provider API's URL (port 0 picks a free one)", DefaultValueFactory = _ => "http://127.0.0.1:5070" };

    public Option<SyncMode> Sync { get; } = new("--sync") { Description = "when packages are formed: realtime (one per invoice), periodic (--batch-size / --interval), manual (flush, end of day)", DefaultValueFactory = _ => SyncMode.Periodic };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "invoices per package at most", DefaultValueFactory = _ => 50 };

    public Option<double> Interval { get; } = new("--interval") { Description = "periodic sync: seconds the oldest invoice may wait", DefaultValueFactory = _ => 5 };

    public Option<string?> EndOfDay { get; } = new("--end-of-day") { Description = "HH:mm (GMT+7): package everything waiting every day at this time" };

    public Option<double> NoticeDeadline { get; } = new("--notice-deadline") { Description = "seconds a 204 may take after the 999 before the invoices are looked up", DefaultValueFactory = _ => 900 };

    public Option<double> RetryMax { get; } = new("--retry-max") { Description = "longest back-off between two sends, seconds", DefaultValueFactory = _ => 30 };

    public Option<string?> Sign { get; } = new("--sign") { Description = "signing mode: pfx:PATH, remote:URL or token (default: a self-signed seller key created next to --db, for the simulator)" };

    public Option<string?> SignPassword { get; } = new("--sign-password") { Description = "password of the --sign pfx: file" };

    public Option<string?> SignerKey { get; } = new("--signer-key") { Description = "the remote signing service's key (--sign remote:URL)" };

    public Option<string?> Watch { get; } = new("--watch") { Description = "middleware: import sale files (.csv, .json) dropped in this folder" };

    public Option<string?> PollTable { get; } = new("--poll-db") { Description = "middleware: poll the ck_sales and ck_sale_lines tables of this SQLite database (connection string or path)" };

    public Option<double> ImportInterval { get; } = new("--import-interval") { Description = "seconds between two scans of --watch / polls of --poll-db", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Db, Mst, Block, Register, Form, Series, SellerName, SellerAddress, Target, Tvan, ApiKey, Listen, Sync, BatchSize,
                     Interval, EndOfDay, NoticeDeadline, RetryMax, Sign, SignPassword, SignerKey, Watch, PollTable, ImportInterval,
                 })
            command.Options.Add(option);
    }

    /// <exception cref="FormatException">an --end-of-day that is not HH:mm.</exception>
    public ProviderOptions Options(ParseResult r) => new()
    {
        Database = r.GetValue(Db)!,
        Register = new RegisterConfig(r.GetValue(Register)!, r.GetValue(Mst)!, r.GetValue(SellerName)!, r.GetValue(SellerAddress)!,
            r.GetValue(Block)!, r.GetValue(Form), r.GetValue(Series)!),
        Target = r.GetValue(Target)!,
        TvanCode = r.GetValue(Tvan)!,
        ApiKey = r.GetValue(ApiKey)!,
        Sync = r.GetValue(Sync),
        BatchSize = r.GetValue(BatchSize),
        BatchInterval = TimeSpan.FromSeconds(r.GetValue(Interval)),
        EndOfDay = r.GetValue(EndOfDay) is { } eod ? TimeOnly.ParseExact(eod, "HH:mm", CultureInfo.InvariantCulture) : null,
        NoticeDeadline = TimeSpan.FromSeconds(r.GetValue(NoticeDeadline)),
        RetryMax = TimeSpan.FromSeconds(r.GetValue(RetryMax)),
    };
}
