using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Provider.Signing;

/// <summary>
/// HTTP client of a <see cref="RemoteSigningService"/> (or any service with the same API): fetches the certificate
/// and has SHA-256 digests signed. Every failure is a <see cref="SigningUnavailableException"/> naming the cause.
/// </summary>
public sealed class RemoteSigningClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly string _signerKey;

    /// <param name="http">The client to use (its BaseAddress is ignored; its Timeout bounds each call).</param>
    /// <param name="serviceUrl">Base URL of the service, e.g. http://127.0.0.1:5090.</param>
    /// <param name="signerKey">The service's key, sent as <c>X-Signer-Key</c>.</param>
    public RemoteSigningClient(HttpClient http, string serviceUrl, string signerKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrEmpty(signerKey);
        _http = http;
        _baseUrl = ParseUrl(serviceUrl);
        _signerKey = signerKey;
    }

    public Uri ServiceUrl => _baseUrl;

    /// <summary>An absolute http(s) URL with a trailing slash, or an <see cref="ArgumentException"/>.</summary>
    public static Uri ParseUrl(string serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"'{serviceUrl}' is not an http(s) URL of a signing service, e.g. http://127.0.0.1:5090", nameof(serviceUrl));
        return new Uri(url.AbsoluteUri.TrimEnd('/') + "/");
    }

    /// <summary>GET /api/v1/certificate: the service's certificate (public part).</summary>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "api/v1/certificate");
        using var response = await SendAsync(request, "fetch the certificate", ct);
        var body = await ReadAsync<CertificateBody>(response, "certificate", ct);
        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body.Certificate ?? ""));
            using var publicKey = certificate.GetRSAPublicKey();
            if (publicKey is null)
            {
                certificate.Dispose();
                throw Bad("the signing service's certificate has no RSA public key");
            }
            return certificate;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw Bad("the signing service answered with a certificate that is not base64 DER: " + e.Message, e);
        }
    }

    /// <summary>GET /api/v1/status: signatures made so far.</summary>
    public async Task<long> GetSignatureCountAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, "api/v1/status");
        using var response = await SendAsync(request, "read the status", ct);
        return (await ReadAsync<StatusBody>(response, "status", ct)).Signatures;
    }

    /// <summary>POST /api/v1/sign: an RSASSA-PKCS1-v1_5 signature of a SHA-256 <paramref name="digest"/>.</summary>
    public async Task<byte[]> SignDigestAsync(byte[] digest, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.Length != SHA256.HashSizeInBytes) throw new ArgumentException("a SHA-256 digest is 32 bytes", nameof(digest));
        using var request = Request(HttpMethod.Post, "api/v1/sign");
        request.Content = JsonContent.Create(new SignBody(Convert.ToBase64String(digest), RemoteSigningService.Algorithm), options: Json);
        using var response = await SendAsync(request, "sign", ct);
        var body = await ReadAsync<SignatureBody>(response, "signature", ct);
        try
        {
            return Convert.FromBase64String(body.Signature ?? "");
        }
        catch (FormatException e)
        {
            throw Bad("the signing service answered with a signature that is not base64", e);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUrl, path));
        request.Headers.Add(RemoteSigningService.KeyHeader, _signerKey);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            var cause = e is OperationCanceledException ? $"no answer within {_http.Timeout.TotalSeconds:0.#} s" : e.Message;
            throw new SigningUnavailableException(SigningFailure.Unreachable,
                $"signing service {_baseUrl} unreachable, could not {what}: {cause}", e);
        }
        if (response.IsSuccessStatusCode) return response;
        var status = (int)response.StatusCode;
        var detail = await ProblemDetail(response, ct);
        response.Dispose();
        var (reason, message) = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                (SigningFailure.Unauthorized, $"signing service {_baseUrl} refused the signer key (HTTP {status}): wrong or missing {RemoteSigningService.KeyHeader}"),
            HttpStatusCode.ServiceUnavailable =>
                (SigningFailure.Unavailable, $"signing service {_baseUrl} is unavailable (HTTP 503), could not {what}; retry later"),
            _ when status >= 500 =>
                (SigningFailure.Unavailable, $"signing service {_baseUrl} failed (HTTP {status}), could not {what}; retry later"),
            _ => (SigningFailure.Rejected, $"signing service {_baseUrl} rejected the request to {what} (HTTP {status})"),
        };
        throw new SigningUnavailableException(reason, detail is null ? message : $"{message} — {detail}") { StatusCode = status };
    }

    private static async Task<string?> ProblemDetail(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<ProblemBody>(Json, ct);
            return problem?.Detail ?? problem?.Title;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, string what, CancellationToken ct) where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw Bad($"the signing service sent an empty {what} answer");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException)
        {
            throw Bad($"the signing service sent an unreadable {what} answer: {e.Message}", e);
        }
    }

    private SigningUnavailableException Bad(string message, Exception? inner = null) =>
        new(SigningFailure.BadResponse, $"{message} ({_baseUrl})", inner);

    internal sealed record SignBody(
        [property: JsonPropertyName("digest")] string Digest,
        [property: JsonPropertyName("algorithm")] string Algorithm);

    internal sealed record SignatureBody([property: JsonPropertyName("signature")] string? Signature);

    internal sealed record CertificateBody([property: JsonPropertyName("certificate")] string? Certificate);

    internal sealed record StatusBody([property: JsonPropertyName("signatures")] long Signatures);

    internal sealed record ProblemBody(
        [property: JsonPropertyName("title")] string? Title,
        [property: JsonPropertyName("detail")] string? Detail);
}
