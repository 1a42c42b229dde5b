using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.Provider.Signing;
using static ConformanceKit.TestSupport.SigningFixtures;

namespace ConformanceKit.Provider.Tests.Signing;

/// <summary>The remote signing service on loopback, and the provider's remote signer against it.</summary>
public sealed class RemoteSigningTests : IAsyncLifetime
{
    private const string Key = "test-signer-key";
    private RemoteSigningService _service = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task InitializeAsync() =>
        _service = await RemoteSigningService.StartAsync(new RemoteSigningOptions { Certificate = Seller, SignerKey = Key }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        _http.Dispose();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? key = Key, object? body = null)
    {
        var request = new HttpRequestMessage(method, _service.Url + path);
        if (key is not null) request.Headers.Add("X-Signer-Key", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return request;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string ContentType)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType ?? "");
    }

    [Fact]
    public async Task The_remote_signer_produces_a_valid_signature_with_the_service_certificate()
    {
        using var signer = new RemoteSigner(_service.Url, Key, _http);

        var signed = await signer.SignAsync(UnsignedPackage(), SigningTime, CancellationToken.None);

        Assert.Equal("remote", signer.Mode);
        var check = Verify(signed!);
        Assert.True(check.IsValid, Problems(check));
        Assert.Equal(_service.Certificate.Thumbprint, check.Certificate!.Thumbprint);
        Assert.Equal(1, _service.Signatures);
    }

    [Fact]
    public async Task Remote_and_local_signing_give_the_same_bytes()
    {
        using var remote = new RemoteSigner(_service.Url, Key, _http);
        using var local = new PfxPackageSigner(Seller);
        var package = UnsignedPackage();

        var viaService = await remote.SignAsync(package, SigningTime, CancellationToken.None);
        var viaPfx = await local.SignAsync(package, SigningTime, CancellationToken.None);

        Assert.Equal(viaPfx, viaService);
    }

    [Fact]
    public async Task The_certificate_is_fetched_once()
    {
        using var signer = new RemoteSigner(_service.Url, Key, _http);

        var first = await signer.GetCertificateAsync(CancellationToken.None);
        await signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None);
        await signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None);

        Assert.Same(first, await signer.GetCertificateAsync(CancellationToken.None));
        Assert.Equal(2, _service.Signatures);
    }

    [Fact]
    public async Task A_wrong_signer_key_surfaces_as_signing_unavailable_naming_the_key()
    {
        using var signer = new RemoteSigner(_service.Url, "wrong-key", _http);

        var error = await Assert.ThrowsAsync<SigningUnavailableException>(() =>
            signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None));

        Assert.Equal(SigningFailure.Unauthorized, error.Reason);
        Assert.Equal(401, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("401", error.Message);
        Assert.Contains("signer key", error.Message);
        Assert.Equal(0, _service.Signatures);
    }

    [Fact]
    public async Task A_503_fails_once_then_the_next_attempt_signs()
    {
        using var signer = new RemoteSigner(_service.Url, Key, _http);
        await signer.GetCertificateAsync(CancellationToken.None);
        _service.FailNext(1);

        var error = await Assert.ThrowsAsync<SigningUnavailableException>(() =>
            signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None));
        var signed = await signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None);

        Assert.Equal(SigningFailure.Unavailable, error.Reason);
        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Contains("503", error.Message);
        Assert.True(Verify(signed!).IsValid);
        Assert.Equal(1, _service.Signatures);
    }

    [Fact]
    public async Task An_unreachable_service_surfaces_as_signing_unavailable()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var signer = new RemoteSigner($"http://127.0.0.1:{port}", Key, _http);

        var error = await Assert.ThrowsAsync<SigningUnavailableException>(() =>
            signer.SignAsync(UnsignedPackage(1), SigningTime, CancellationToken.None));

        Assert.Equal(SigningFailure.Unreachable, error.Reason);
        Assert.True(error.IsTransient);
        Assert.Contains("unreachable", error.Message);
    }

    [Fact]
    public async Task The_service_never_exposes_the_private_key()
    {
        var (status, body, _) = await SendAsync(Request(HttpMethod.Get, "/api/v1/certificate"));

        Assert.Equal(HttpStatusCode.OK, status);
        var der = Convert.FromBase64String(body.GetProperty("certificate").GetString()!);
        Assert.Equal(Seller.RawData, der);
        using var certificate = X509CertificateLoader.LoadCertificate(der);
        Assert.False(certificate.HasPrivateKey);
        Assert.Equal(Seller.Subject, body.GetProperty("subject").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Seller.RawData)), body.GetProperty("thumbprintSha256").GetString());
        Assert.Equal(["certificate", "subject", "thumbprintSha256"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_service_signs_a_digest_and_counts_signatures()
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("hello"));

        var (status, body, _) = await SendAsync(Request(HttpMethod.Post, "/api/v1/sign",
            body: new { digest = Convert.ToBase64String(digest), algorithm = "RS256" }));
        var (_, state, _) = await SendAsync(Request(HttpMethod.Get, "/api/v1/status"));

        Assert.Equal(HttpStatusCode.OK, status);
        using var publicKey = Seller.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyHash(digest, Convert.FromBase64String(body.GetProperty("signature").GetString()!),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(1, state.GetProperty("signatures").GetInt64());
        Assert.Equal(1, _service.Signatures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Every_endpoint_needs_the_signer_key(string? key)
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/v1/certificate"), (HttpMethod.Post, "/api/v1/sign"), (HttpMethod.Get, "/api/v1/status") })
        {
            var (status, body, type) = await SendAsync(Request(method, path, key,
                method == HttpMethod.Post ? new { digest = Convert.ToBase64String(new byte[32]), algorithm = "RS256" } : null));

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("application/problem+json", type);
            Assert.Contains("X-Signer-Key", body.GetProperty("detail").GetString());
        }
        Assert.Equal(0, _service.Signatures);
    }

    [Theory]
    [InlineData("{\"digest\":\"AAAA\",\"algorithm\":\"RS256\"}", "32 bytes")]
    [InlineData("{\"digest\":\"not base64!\",\"algorithm\":\"RS256\"}", "base64")]
    [InlineData("{\"digest\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"algorithm\":\"PS256\"}", "RS256")]
    [InlineData("{\"digest\":", "JSON")]
    [InlineData("null", "JSON")]
    public async Task A_bad_request_is_a_400_problem(string json, string named)
    {
        var request = Request(HttpMethod.Post, "/api/v1/sign");
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");

        var (status, body, type) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains(named, body.GetProperty("detail").GetString());
        Assert.Equal(0, _service.Signatures);
    }

    [Fact]
    public async Task RemoteRsa_signs_through_SignHash_and_keeps_the_private_key_remote()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData);
        var client = new RemoteSigningClient(_http, _service.Url, Key);
        using var rsa = new RemoteRsa(client, publicOnly);
        var data = Encoding.UTF8.GetBytes("SignedInfo bytes");

        // RSA.SignData hashes the data and hands the digest to SignHash: one remote call.
        var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        Assert.Equal(1, rsa.RemoteCalls);
        Assert.Equal(1, _service.Signatures);
        using var local = Seller.GetRSAPrivateKey()!;
        Assert.Equal(local.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), signature);
        Assert.Equal(Seller.GetRSAPublicKey()!.ExportParameters(false).Modulus, rsa.ExportParameters(false).Modulus);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Throws<CryptographicException>(() => rsa.ExportParameters(true));
        Assert.Throws<NotSupportedException>(() => rsa.SignData(data, HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
        Assert.Throws<NotSupportedException>(() => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public async Task XmlSigner_with_a_RemoteRsa_and_a_public_only_certificate_verifies()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData);
        using var rsa = new RemoteRsa(new RemoteSigningClient(_http, _service.Url, Key), publicOnly);
        var doc = SafeXml.LoadDocument(UnsignedPackage(1));

        await Task.Run(() => XmlSigner.SignPackage(doc, publicOnly, rsa, SigningTime));

        Assert.True(Verify(SafeXml.ToBytes(doc)).IsValid);
        Assert.Equal(1, rsa.RemoteCalls);
    }

    [Fact]
    public async Task A_service_holding_another_key_than_its_certificate_says_is_caught()
    {
        await using var other = await RemoteSigningService.StartAsync(
            new RemoteSigningOptions { Certificate = SamplePackageBuilderCertificate(), SignerKey = Key }, CancellationToken.None);
        using var sellerPublic = X509CertificateLoader.LoadCertificate(Seller.RawData);
        using var rsa = new RemoteRsa(new RemoteSigningClient(_http, other.Url, Key), sellerPublic);

        var error = Assert.Throws<SigningUnavailableException>(() =>
            rsa.SignHash(new byte[32], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        Assert.Equal(SigningFailure.BadResponse, error.Reason);
        Assert.Contains("does not verify", error.Message);
    }

    private static X509Certificate2 SamplePackageBuilderCertificate() =>
        Einvoice.Samples.SamplePackageBuilder.CreateCertificate("0312345678", "Another Shop");

    [Fact]
    public async Task A_service_without_a_private_key_is_refused_at_start()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(Seller.RawData);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            RemoteSigningService.StartAsync(new RemoteSigningOptions { Certificate = publicOnly, SignerKey = Key }, CancellationToken.None));

        Assert.Contains("no RSA private key", error.Message);
    }

    [Fact]
    public async Task Latency_delays_each_signature()
    {
        await using var slow = await RemoteSigningService.StartAsync(
            new RemoteSigningOptions { Certificate = Seller, SignerKey = Key, Latency = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        var client = new RemoteSigningClient(_http, slow.Url, Key);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.SignDigestAsync(new byte[32], CancellationToken.None);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), clock.Elapsed.ToString());
        Assert.Equal(1, await client.GetSignatureCountAsync(CancellationToken.None));
    }
}
