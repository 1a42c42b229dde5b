using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Harness.Catalogue;

namespace ConformanceKit.Harness.Runner;

/// <summary>
/// What the cases of one run share: the target's date (invoices are dated and signed at the target's simulated
/// time), fresh invoice serials, the seed's taxpayers and T-VANs, certificates, and the callback receiver.
/// </summary>
public sealed class SessionContext
{
    private readonly ConcurrentDictionary<string, X509Certificate2> _certificates = new();
    private readonly IReadOnlyDictionary<string, JsonObject> _taxpayers;
    private readonly IReadOnlyDictionary<string, JsonObject> _tvans;
    private long _nextSerial;

    public SessionContext(CaseCatalogue catalogue, DateTimeOffset targetNow, CallbackReceiver? callbacks, Random random)
    {
        Catalogue = catalogue;
        SigningTime = targetNow.ToOffset(TimeSpan.FromHours(7)).DateTime;
        Callbacks = callbacks;
        // A random start per run: runs against a long-lived target never reuse codes (7005).
        _nextSerial = random.NextInt64(1_000_000_000, 90_000_000_000);
        _taxpayers = ByKey(catalogue.Setup.Seed["taxpayers"], "mst");
        _tvans = ByKey(catalogue.Setup.Seed["tvans"], "code");
    }

    public CaseCatalogue Catalogue { get; }

    /// <summary>The target's simulated time at the start of the run, GMT+7: invoice date and signing time.</summary>
    public DateTime SigningTime { get; }

    public DateOnly IssueDate => DateOnly.FromDateTime(SigningTime);

    public CallbackReceiver? Callbacks { get; }

    /// <summary>The target's signing certificate (/api/v1/certificate): every 204 must verify with it.</summary>
    public X509Certificate2? AuthorityCertificate { get; set; }

    /// <summary>Blocks issued by 103s during the run, by alias.</summary>
    public ConcurrentDictionary<string, string> IssuedBlocks { get; } = new();

    public long NextSerials(int count) => Interlocked.Add(ref _nextSerial, count) - count;

    public string TaxpayerName(string mst) => _taxpayers.TryGetValue(mst, out var t) ? (string?)t["name"] ?? mst : mst;

    /// <summary>The taxpayer's first code block in the seed (or a block that no one was issued).</summary>
    public string FirstBlock(string mst) =>
        _taxpayers.TryGetValue(mst, out var t) && t["cashRegister"]?["codeBlocks"]?.AsArray().FirstOrDefault() is { } b ? (string)b! : "ZZZZZ";

    public string TvanKey(string code) => _tvans.TryGetValue(code, out var t) ? (string?)t["apiKey"] ?? "" : "";

    /// <summary>A certificate for the MST, valid 2024–2030 (the seed's quick-start mode accepts any with the MST).</summary>
    public X509Certificate2 CertificateFor(string mst) =>
        _certificates.GetOrAdd(mst, m => SamplePackageBuilder.CreateCertificate(m, TaxpayerName(m)));

    /// <summary>The taxpayer's certificate that expired before the signing time.</summary>
    public X509Certificate2 ExpiredCertificateFor(string mst) => _certificates.GetOrAdd("expired:" + mst, _ =>
        TestCertificates.CreateSelfSigned(TaxpayerName(mst), mst, Vn(SigningTime.AddYears(-3)), Vn(SigningTime.AddDays(-30))));

    /// <summary>A certificate that was valid when the package was signed (10 days ago) and has expired since.</summary>
    public X509Certificate2 ExpiredSinceCertificateFor(string mst) => _certificates.GetOrAdd("expired-since:" + mst, _ =>
        TestCertificates.CreateSelfSigned(TaxpayerName(mst), mst, Vn(SigningTime.AddDays(-40)), Vn(SigningTime.AddDays(-5))));

    /// <summary>Placeholders in case texts: {date}, {yy}, {otherYY}, {mst}, {block}, {issued:alias}.</summary>
    public string Expand(string text, string mst, string block)
    {
        if (!text.Contains('{')) return text;
        var yy = SigningTime.Year % 100;
        text = text.Replace("{date}", IssueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{yy}", yy.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{otherYY}", ((yy + 99) % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{mst}", mst, StringComparison.Ordinal)
            .Replace("{block}", block, StringComparison.Ordinal);
        foreach (var (alias, issued) in IssuedBlocks)
            text = text.Replace($"{{issued:{alias}}}", issued, StringComparison.Ordinal);
        return text;
    }

    private static DateTimeOffset Vn(DateTime local) => new(local, TimeSpan.FromHours(7));

    private static Dictionary<string, JsonObject> ByKey(JsonNode? array, string key) =>
        (array?.AsArray() ?? []).OfType<JsonObject>().Where(o => o[key] is not null).ToDictionary(o => (string)o[key]!, o => o);
}
