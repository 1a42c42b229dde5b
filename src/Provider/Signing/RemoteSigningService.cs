using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ConformanceKit.Einvoice.Signatures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceKit.Provider.Signing;

/// <summary>
/// An HSM-like remote signing service: it holds the seller's private key (from a PFX), never exports it, and signs
/// SHA-256 digests for clients that present the signer key — the document itself never leaves the provider.
/// API (every endpoint requires header <c>X-Signer-Key</c>, else 401 problem JSON):
/// <list type="bullet">
/// <item><c>GET /api/v1/certificate</c> → <c>{ "certificate": DER base64, "subject": "...", "thumbprintSha256": hex }</c></item>
/// <item><c>POST /api/v1/sign</c> with <c>{ "digest": base64 of 32 bytes, "algorithm": "RS256" }</c> →
/// <c>{ "signature": base64 RSASSA-PKCS1-v1_5 }</c>; 400 problem JSON for a bad body, digest or algorithm;
/// 503 (with Retry-After) while a fault is injected with <see cref="FailNext"/>.</item>
/// <item><c>GET /api/v1/status</c> → <c>{ "signatures": n, "subject": "...", "thumbprintSha256": hex }</c></item>
/// </list>
/// See docs/signing.md.
/// </summary>
public sealed class RemoteSigningService : IAsyncDisposable
{
    public const string KeyHeader = "X-Signer-Key";
    public const string Algorithm = "RS256";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly bool _ownsCertificate;
    private readonly RSA _key;
    private readonly byte[] _signerKeyHash;
    private readonly TimeSpan _latency;
    private long _signatures;
    private int _failNext;

    private RemoteSigningService(WebApplication app, X509Certificate2 certificate, bool ownsCertificate, RSA key, RemoteSigningOptions options)
    {
        (_app, _certificate, _ownsCertificate, _key) = (app, certificate, ownsCertificate, key);
        _signerKeyHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.SignerKey));
        _latency = options.Latency;
    }

    /// <summary>Base URL the service is bound to, e.g. http://127.0.0.1:54321 (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>The certificate clients get (public part only).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>Signatures made so far.</summary>
    public long Signatures => Interlocked.Read(ref _signatures);

    /// <summary>SHA-256 of the certificate's DER, lower-case hex.</summary>
    public string ThumbprintSha256 => Convert.ToHexStringLower(SHA256.HashData(_certificate.RawData));

    /// <summary>Test fault toggle: the next <paramref name="count"/> sign requests get 503 Service Unavailable.</summary>
    public void FailNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Volatile.Write(ref _failNext, count);
    }

    /// <exception cref="ArgumentException">no signer key, no key source, or the PFX has no RSA private key.</exception>
    public static async Task<RemoteSigningService> StartAsync(RemoteSigningOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.SignerKey)) throw new ArgumentException("a signer key (X-Signer-Key) is required", nameof(options));
        if (options.Latency < TimeSpan.Zero) throw new ArgumentException("latency must not be negative", nameof(options));
        var (certificate, owns) = options.Certificate is { } given ? (given, false)
            : options.PfxPath is { Length: > 0 } path ? (LoadPfx(path, options.PfxPassword), true)
            : throw new ArgumentException("either a PFX path or a certificate with its private key is required", nameof(options));
        RSA? key = null;
        try
        {
            key = certificate.HasPrivateKey ? certificate.GetRSAPrivateKey() : null;
            if (key is null)
                throw new ArgumentException($"the signing certificate ({certificate.Subject}) has no RSA private key", nameof(options));
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(options.Listen);
            var app = builder.Build();
            var service = new RemoteSigningService(app, certificate, owns, key, options);
            var api = app.MapGroup("/api/v1");
            api.AddEndpointFilter(service.Authorize);
            api.MapGet("/certificate", service.GetCertificate);
            api.MapPost("/sign", service.SignAsync);
            api.MapGet("/status", service.GetStatus);
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            service.Url = address.TrimEnd('/');
            return service;
        }
        catch
        {
            key?.Dispose();
            if (owns) certificate.Dispose();
            throw;
        }
    }

    private static X509Certificate2 LoadPfx(string path, string? password)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"PFX file '{path}' not found", path);
        try
        {
            return TestCertificates.LoadPfx(path, password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"cannot open PFX '{path}': wrong password or not a PKCS#12 file ({e.Message})", nameof(path), e);
        }
    }

    private async ValueTask<object?> Authorize(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var presented = context.HttpContext.Request.Headers[KeyHeader].ToString();
        if (presented.Length == 0)
            return Results.Problem(statusCode: 401, title: "Missing signer key", detail: $"send the signer key in the {KeyHeader} header");
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _signerKeyHash))
            return Results.Problem(statusCode: 401, title: "Wrong signer key", detail: $"the {KeyHeader} header does not match this signing service's key");
        return await next(context);
    }

    private IResult GetCertificate() => Results.Json(
        new CertificateResponse(Convert.ToBase64String(_certificate.RawData), _certificate.Subject, ThumbprintSha256), Json);

    private IResult GetStatus() => Results.Json(new StatusResponse(Signatures, _certificate.Subject, ThumbprintSha256), Json);

    private async Task<IResult> SignAsync(HttpRequest request, CancellationToken ct)
    {
        if (TakeFault())
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Results.Problem(statusCode: 503, title: "Signing device unavailable", detail: "the signing device is busy or offline; retry later");
        }
        SignRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SignRequest>(request.Body, Json, ct);
        }
        catch (JsonException e)
        {
            return BadRequest("Unreadable body", "the body must be JSON { \"digest\": \"<base64 SHA-256>\", \"algorithm\": \"RS256\" }: " + e.Message);
        }
        if (body is null) return BadRequest("Empty body", "the body must be JSON { \"digest\": \"<base64 SHA-256>\", \"algorithm\": \"RS256\" }");
        if (!string.Equals(body.Algorithm, Algorithm, StringComparison.Ordinal))
            return BadRequest("Unsupported algorithm", $"algorithm must be \"{Algorithm}\" (RSASSA-PKCS1-v1_5 with SHA-256), got \"{body.Algorithm}\"");
        byte[] digest;
        try
        {
            digest = Convert.FromBase64String(body.Digest ?? "");
        }
        catch (FormatException)
        {
            return BadRequest("Bad digest", "digest must be base64");
        }
        if (digest.Length != SHA256.HashSizeInBytes)
            return BadRequest("Bad digest", $"digest must be a SHA-256 digest of {SHA256.HashSizeInBytes} bytes, got {digest.Length}");
        if (_latency > TimeSpan.Zero) await Task.Delay(_latency, ct);
        var signature = _key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Interlocked.Increment(ref _signatures);
        return Results.Json(new SignResponse(Convert.ToBase64String(signature)), Json);
    }

    private static IResult BadRequest(string title, string detail) => Results.Problem(statusCode: 400, title: title, detail: detail);

    private bool TakeFault()
    {
        while (true)
        {
            var left = Volatile.Read(ref _failNext);
            if (left <= 0) return false;
            if (Interlocked.CompareExchange(ref _failNext, left - 1, left) == left) return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
        if (_ownsCertificate) _certificate.Dispose();
    }

    internal sealed record SignRequest(
        [property: JsonPropertyName("digest")] string? Digest,
        [property: JsonPropertyName("algorithm")] string? Algorithm);

    internal sealed record SignResponse([property: JsonPropertyName("signature")] string Signature);

    internal sealed record CertificateResponse(
        [property: JsonPropertyName("certificate")] string Certificate,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("thumbprintSha256")] string ThumbprintSha256);

    internal sealed record StatusResponse(
        [property: JsonPropertyName("signatures")] long Signatures,
        [property: JsonPropertyName("subject")] string Subject,
        [property: JsonPropertyName("thumbprintSha256")] string ThumbprintSha256);
}
