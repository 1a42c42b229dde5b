using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ConformanceKit.Harness.Reports;

/// <summary>
/// The key reports are signed with: an RSA-2048 key and its self-signed X.509 certificate
/// ("CN=ConformanceKit report signer, O=&lt;machine&gt;"), kept in a PFX file. A certifier pins the
/// certificate's SHA-256 thumbprint (<see cref="ThumbprintSha256"/>) with <c>ck verify-report --trust</c>.
/// </summary>
public sealed class ReportSigner : IDisposable
{
    /// <summary>Environment variable naming the PFX file when no path is given.</summary>
    public const string KeyPathVariable = "CK_REPORT_KEY";

    /// <summary>Environment variable holding the PFX password (none when unset).</summary>
    public const string PasswordVariable = "CK_REPORT_KEY_PASSWORD";

    /// <summary>The common name of every certificate ck makes for signing reports.</summary>
    public const string CommonName = "ConformanceKit report signer";

    private readonly X509Certificate2 _certificate;
    private readonly RSA _key;

    private ReportSigner(string? keyPath, X509Certificate2 certificate)
    {
        _key = certificate.GetRSAPrivateKey()
               ?? throw new InvalidOperationException($"the report-signing certificate {certificate.Subject} holds no RSA private key");
        if (_key.KeySize < 2048)
            throw new InvalidOperationException($"the report-signing key is {_key.KeySize} bits; at least 2048 are needed");
        KeyPath = keyPath;
        _certificate = certificate;
        ThumbprintSha256 = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The PFX file the key came from (null for a key given in memory).</summary>
    public string? KeyPath { get; }

    /// <summary>The signer's certificate, with its private key.</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>SHA-256 of the certificate's DER bytes, upper-case hex: what a certifier pins.</summary>
    public string ThumbprintSha256 { get; }

    /// <summary>The certificate's subject, e.g. "CN=ConformanceKit report signer, O=build-01".</summary>
    public string Subject => _certificate.Subject;

    /// <summary>The user's default key file: ~/.conformancekit/report-signing.pfx.</summary>
    public static string DefaultKeyPath => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".conformancekit", "report-signing.pfx");

    /// <summary>
    /// The key at <paramref name="keyPath"/> (a PFX), else the one named by CK_REPORT_KEY, else the user's
    /// default key (~/.conformancekit/report-signing.pfx). The PFX password, if any, is in CK_REPORT_KEY_PASSWORD.
    /// A key file that does not exist yet is created (RSA-2048, self-signed certificate, mode 600 on Unix).
    /// </summary>
    public static ReportSigner Resolve(string? keyPath)
    {
        var path = keyPath is { Length: > 0 } ? keyPath
            : Environment.GetEnvironmentVariable(KeyPathVariable) is { Length: > 0 } fromEnv ? fromEnv
            : DefaultKeyPath;
        path = Path.GetFullPath(path);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!File.Exists(path)) CreateKeyFile(path, password);
        return new ReportSigner(path, Load(path, password));
    }

    /// <summary>
    /// The key at <paramref name="keyPath"/>, which must exist (a certifier's key is made on purpose, never on the fly);
    /// the PFX password, if any, is in CK_REPORT_KEY_PASSWORD.
    /// </summary>
    public static ReportSigner Load(string keyPath)
    {
        var path = Path.GetFullPath(keyPath);
        if (!File.Exists(path)) throw new FileNotFoundException($"no key file {path}", path);
        return new ReportSigner(path, Load(path, Environment.GetEnvironmentVariable(PasswordVariable)));
    }

    /// <summary>
    /// Writes a new key file at <paramref name="keyPath"/> (refusing to overwrite one) whose certificate names
    /// <paramref name="organization"/> (O=), e.g. a certifier's name; the password, if any, is CK_REPORT_KEY_PASSWORD.
    /// </summary>
    public static ReportSigner Create(string keyPath, string? organization)
    {
        var path = Path.GetFullPath(keyPath);
        if (File.Exists(path)) throw new IOException($"{path} exists already");
        CreateKeyFile(path, Environment.GetEnvironmentVariable(PasswordVariable), organization);
        return Load(path);
    }

    /// <summary>A signer over a certificate that carries its RSA private key (the signer takes ownership).</summary>
    public static ReportSigner FromCertificate(X509Certificate2 certificate) => new(null, certificate);

    /// <summary>RSA PKCS#1 v1.5 signature with SHA-256 over <paramref name="data"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>The key, for XMLDSig (SignedXml needs the AsymmetricAlgorithm itself).</summary>
    internal RSA Key => _key;

    /// <summary>Makes a new key and self-signed certificate (O = this machine's name, or <paramref name="organization"/>).</summary>
    public static X509Certificate2 CreateCertificate(DateTimeOffset now, string? organization = null)
    {
        using var rsa = RSA.Create(2048);
        var name = new X500DistinguishedNameBuilder();
        // Subject.ToString() lists the last-added component first: "CN=…, O=…".
        name.AddCommonName(CommonName);
        name.AddOrganizationName(string.IsNullOrWhiteSpace(organization) ? OrganizationName() : organization.Trim());
        var request = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }

    private static string OrganizationName()
    {
        var machine = Environment.MachineName;
        if (!string.IsNullOrWhiteSpace(machine)) return machine;
        var user = Environment.UserName;
        return string.IsNullOrWhiteSpace(user) ? "unknown" : user;
    }

    /// <summary>
    /// Writes a new key file. It is written to a temporary name and moved into place, so two processes making
    /// the same default key at once end up with one of them (the loser loads the winner's).
    /// </summary>
    private static void CreateKeyFile(string path, string? password, string? organization = null)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else if (!Directory.Exists(directory))
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        byte[] pfx;
        using (var certificate = CreateCertificate(DateTimeOffset.UtcNow, organization))
            pfx = certificate.Export(X509ContentType.Pfx, password);

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            using (var stream = new FileStream(temporary, options))
                stream.Write(pfx);
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Someone else made it first: use theirs.
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"cannot load the report-signing key {path}: {ex.Message} (is {PasswordVariable} the right password?)", ex);
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _certificate.Dispose();
    }
}
