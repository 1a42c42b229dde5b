using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// The detached signature carried by the JSON report (its "signature" member) and the HTML report (its last
/// comment): RSA PKCS#1 v1.5 with SHA-256 with the signer's certificate. Algorithm <see cref="RsaSha256SignedAt"/>
/// (written since issue 17) signs the signing time and the exact bytes of the file (<see cref="SignedBytes"/>);
/// <see cref="RsaSha256"/> (older reports, still verified) signs the bytes only, its signing time being informative.
/// </summary>
public sealed record ReportSignature
{
    /// <summary>The older algorithm: the signature covers the content only; <see cref="SignedAt"/> is not covered.</summary>
    public const string RsaSha256 = "RSA-SHA256";

    /// <summary>The signature covers the signing time and the content (a verifier older than issue 17 refuses it by name).</summary>
    public const string RsaSha256SignedAt = "RSA-SHA256+signedAt";

    public required string Algorithm { get; init; }

    /// <summary>The signer's certificate, base64 DER.</summary>
    public required string Certificate { get; init; }

    /// <summary>SHA-256 of the certificate's DER bytes, upper-case hex (informative: verification recomputes it).</summary>
    public required string ThumbprintSha256 { get; init; }

    /// <summary>When the report was signed: covered by the signature under <see cref="RsaSha256SignedAt"/>, informative under <see cref="RsaSha256"/>.</summary>
    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The signature, base64.</summary>
    public required string Value { get; init; }

    /// <summary>Signs <paramref name="content"/> and the signing time (<see cref="RsaSha256SignedAt"/>).</summary>
    public static ReportSignature Create(ReportSigner signer, ReadOnlySpan<byte> content, DateTimeOffset signedAt)
    {
        // Whole milliseconds: the time reads back from the JSON exactly as it was signed.
        signedAt = new DateTimeOffset(signedAt.Ticks - signedAt.Ticks % TimeSpan.TicksPerMillisecond, signedAt.Offset);
        return new()
        {
            Algorithm = RsaSha256SignedAt,
            Certificate = Convert.ToBase64String(signer.Certificate.RawData),
            ThumbprintSha256 = signer.ThumbprintSha256,
            SignedAt = signedAt,
            Value = Convert.ToBase64String(signer.Sign(SignedBytes(RsaSha256SignedAt, signedAt, content))),
        };
    }

    /// <summary>
    /// What is signed: under <see cref="RsaSha256SignedAt"/> the line <c>ck-signed-at: &lt;UTC time, round-trip format&gt;\n</c>
    /// followed by the content; under <see cref="RsaSha256"/> the content alone.
    /// </summary>
    public static byte[] SignedBytes(string algorithm, DateTimeOffset signedAt, ReadOnlySpan<byte> content) =>
        algorithm == RsaSha256SignedAt
            ? [.. System.Text.Encoding.ASCII.GetBytes(SignedAtLine(signedAt)), .. content]
            : content.ToArray();

    /// <summary>"ck-signed-at: 2026-12-06T05:17:50.1230000Z\n": the instant in UTC, so the offset written does not matter.</summary>
    public static string SignedAtLine(DateTimeOffset signedAt) =>
        "ck-signed-at: " + signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) + "\n";

    /// <summary>A placeholder of the same shape, for laying a file out before its content is signed.</summary>
    internal static ReportSignature Placeholder { get; } = new()
    {
        Algorithm = RsaSha256SignedAt, Certificate = "", ThumbprintSha256 = "", SignedAt = DateTimeOffset.UnixEpoch, Value = "",
    };

    /// <summary>Compact JSON, the form the HTML comment holds (never contains "--").</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads the JSON form; null when it is not a signature object.</summary>
    public static ReportSignature? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<ReportSignature>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>camelCase; base64 '+' and '/' unescaped (the values never hold "--", so the HTML comment stays a comment).</summary>
    internal static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Checks the signature over <paramref name="content"/>; says what is wrong, or who signed.</summary>
    public SignatureCheck Verify(ReadOnlySpan<byte> content)
    {
        if (Algorithm is not (RsaSha256 or RsaSha256SignedAt))
            return SignatureCheck.Bad($"unsupported signature algorithm '{Algorithm}' (expected {RsaSha256SignedAt} or, in older reports, {RsaSha256})");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Certificate));
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return SignatureCheck.Bad("certificate cannot be read: " + ex.Message);
        }
        using (certificate)
        {
            var signer = SignerInfo.Of(certificate);
            if (!string.Equals(Thumbprints.Normalize(ThumbprintSha256), signer.ThumbprintSha256, StringComparison.Ordinal))
                return SignatureCheck.Bad("certificate does not match the thumbprint stated next to it", signer);
            using var key = certificate.GetRSAPublicKey();
            if (key is null) return SignatureCheck.Bad("certificate holds no RSA key", signer);
            if (key.KeySize < 2048) return SignatureCheck.Bad($"certificate key is {key.KeySize} bits, under 2048", signer);
            byte[] value;
            try
            {
                value = Convert.FromBase64String(Value);
            }
            catch (FormatException)
            {
                return SignatureCheck.Bad("signature value is not base64", signer);
            }
            var covered = Algorithm == RsaSha256SignedAt;
            return key.VerifyData(SignedBytes(Algorithm, SignedAt, content), value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                ? SignatureCheck.Good(signer, SignedAt, covered)
                : SignatureCheck.Bad("signature does not match the content", signer);
        }
    }
}

/// <summary>Who signed a report, as read from the certificate in it.</summary>
public sealed record SignerInfo(string Subject, string ThumbprintSha256, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    public static SignerInfo Of(X509Certificate2 certificate) => new(
        certificate.Subject, certificate.GetCertHashString(HashAlgorithmName.SHA256),
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
}

/// <summary>
/// The outcome of checking one signature: valid (with its signer) or the reason it is not. <see cref="SignedAtCovered"/>
/// tells a signing time the signature covers from one merely stated next to it (older reports).
/// </summary>
public sealed record SignatureCheck(bool IsValid, string Reason, SignerInfo? Signer, DateTimeOffset? SignedAt, bool SignedAtCovered = false)
{
    public static SignatureCheck Good(SignerInfo signer, DateTimeOffset? signedAt, bool signedAtCovered) =>
        new(true, signedAtCovered ? "signature matches the content and signing time" : "signature matches the content", signer,
            signedAt, signedAtCovered && signedAt is not null);

    public static SignatureCheck Bad(string reason, SignerInfo? signer = null) => new(false, reason, signer, null);
}

/// <summary>Thumbprints as people type them ("ab:cd …", "AB CD …") compared as upper-case hex.</summary>
public static class Thumbprints
{
    public static string Normalize(string? thumbprint) => thumbprint is null
        ? ""
        : string.Concat(thumbprint.Where(c => c is not (':' or '-' or ' ' or '\t'))).ToUpperInvariant();
}
