using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConformanceKit.Einvoice.Codes;

namespace ConformanceKit.TaxAuthoritySim.Registry;

/// <summary>
/// An immutable snapshot of the registry (taxpayers, T-VANs, code blocks, authority, admin key).
/// Small enough to keep in memory and persist whole; a change makes a new snapshot.
/// </summary>
public sealed class ReferenceData
{
    public static readonly ReferenceData Empty = new(AuthorityInfo.Default, null,
        new Dictionary<string, Taxpayer>(), new Dictionary<string, Tvan>());

    /// <summary>
    /// T-VANs by the SHA-256 of their key: the lookup hashes the presented key first, so its time depends on
    /// the hash, not on how many leading characters of a real key were guessed.
    /// </summary>
    private readonly Dictionary<string, Tvan> _tvansByKeyHash;
    private readonly byte[]? _adminKeyHash;
    private readonly Dictionary<string, string> _blockOwners;

    public ReferenceData(AuthorityInfo authority, string? adminKey,
        IReadOnlyDictionary<string, Taxpayer> taxpayers, IReadOnlyDictionary<string, Tvan> tvans)
    {
        Authority = authority;
        AdminKey = adminKey;
        Taxpayers = taxpayers;
        Tvans = tvans;
        _tvansByKeyHash = tvans.Values.ToDictionary(t => KeyHashHex(t.ApiKey), StringComparer.Ordinal);
        _adminKeyHash = string.IsNullOrEmpty(adminKey) ? null : Hash(adminKey);
        _blockOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in taxpayers.Values)
            foreach (var b in t.CashRegister?.CodeBlocks ?? [])
                _blockOwners[b] = t.TaxCode;
    }

    public AuthorityInfo Authority { get; }
    public string? AdminKey { get; }
    public IReadOnlyDictionary<string, Taxpayer> Taxpayers { get; }
    public IReadOnlyDictionary<string, Tvan> Tvans { get; }

    public Taxpayer? Taxpayer(string? mst) => mst is not null && Taxpayers.TryGetValue(mst, out var t) ? t : null;

    public Tvan? TvanByKey(string? key) =>
        !string.IsNullOrEmpty(key) && _tvansByKeyHash.TryGetValue(Convert.ToHexString(Hash(key)), out var t) ? t : null;

    /// <summary>Constant time in the key's content and length: fixed-size hashes compared with FixedTimeEquals.</summary>
    public bool IsAdminKey(string? key) =>
        _adminKeyHash is not null && !string.IsNullOrEmpty(key) && CryptographicOperations.FixedTimeEquals(Hash(key), _adminKeyHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// A sender's key may be stored as its hash, "sha256:" + 64 hex digits (a certification session's key is shown
    /// once and kept only hashed): the presented key is hashed and compared with it.
    /// </summary>
    public const string HashedKeyPrefix = "sha256:";

    /// <summary>Upper-case hex SHA-256 of the key a stored key stands for (itself when stored hashed).</summary>
    public static string KeyHashHex(string storedKey) =>
        IsHashedKey(storedKey) ? storedKey[HashedKeyPrefix.Length..].ToUpperInvariant() : Convert.ToHexString(Hash(storedKey));

    public static bool IsHashedKey(string storedKey) =>
        storedKey.Length == HashedKeyPrefix.Length + 64 && storedKey.StartsWith(HashedKeyPrefix, StringComparison.Ordinal)
        && storedKey.AsSpan(HashedKeyPrefix.Length).ContainsAnyExcept("0123456789abcdefABCDEF") is false;

    /// <summary>Whether the SHA-256 <paramref name="givenHash"/> of a presented key matches a stored key, in constant time.</summary>
    public static bool KeyMatches(string? storedKey, byte[] givenHash) =>
        !string.IsNullOrEmpty(storedKey)
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(KeyHashHex(storedKey)), givenHash);

    /// <summary>
    /// A sender code: "V" + MST for a T-VAN, or "K" + MST for a taxpayer connected directly to the portal (which has
    /// no T-VAN contract and sends only its own messages).
    /// </summary>
    public static bool IsSenderCode(string? code) =>
        code is { Length: > 1 } c && c[0] is ('V' or 'K') && TaxCode.TryParse(c[1..], out _, out _);

    public const int MinAdminKeyLength = 12;
    public const int MaxKeyLength = 256;

    /// <summary>
    /// Why <paramref name="key"/> cannot be a key, or null. Keys travel in HTTP headers: visible ASCII only
    /// (a space or control character would be trimmed or refused on the way, locking the holder out).
    /// </summary>
    public static string? KeyProblem(string key, int minLength)
    {
        if (string.IsNullOrWhiteSpace(key)) return "required: a key may not be empty or blank";
        if (key.Any(c => c is < '!' or > '~')) return "visible ASCII characters only (no spaces, control or non-ASCII characters)";
        if (key.Length < minLength) return $"at least {minLength} characters (this one has {key.Length})";
        if (key.Length > MaxKeyLength) return $"at most {MaxKeyLength} characters";
        return null;
    }

    public string? BlockOwner(string block) => _blockOwners.GetValueOrDefault(block);

    /// <summary>
    /// Lays a seed on top of this snapshot: entries with the same MST / T-VAN code are replaced,
    /// others kept. Throws <see cref="SeedException"/> listing every problem. <paramref name="strictKeys"/> false
    /// only for a registry read back from the store, which may predate the key rules (so it can still be replaced).
    /// </summary>
    public ReferenceData Apply(SeedDocument seed, bool strictKeys = true)
    {
        var problems = new List<string>();
        var taxpayers = new Dictionary<string, Taxpayer>(Taxpayers, StringComparer.Ordinal);
        var tvans = new Dictionary<string, Tvan>(Tvans, StringComparer.Ordinal);

        for (var i = 0; i < (seed.Taxpayers?.Count ?? 0); i++)
        {
            var t = seed.Taxpayers![i];
            var at = $"taxpayers[{i}]";
            if (!TaxCode.TryParse(t.Mst, out _, out var mstError)) { problems.Add($"{at}.mst: {mstError}"); continue; }
            var status = t.Status ?? "00";
            if (status.Length != 2 || !status.All(char.IsAsciiDigit)) problems.Add($"{at}.status: '{status}' is not a two-digit state code");
            CashRegisterRegistration? cr = null;
            if (t.CashRegister is { } c)
            {
                var blocks = c.CodeBlocks ?? [];
                foreach (var b in blocks)
                    if (!CodeBlock.IsValid(b)) problems.Add($"{at}.cashRegister.codeBlocks: '{b}' is not 5 upper-case letters or digits");
                var forms = c.Forms is { Count: > 0 } f ? f : [1, 2];
                foreach (var form in forms)
                    if (form is < 1 or > 9) problems.Add($"{at}.cashRegister.forms: {form} is not a form number (1–9)");
                cr = new CashRegisterRegistration(c.AcceptedOn ?? new DateOnly(2025, 6, 1), forms, blocks);
            }
            var certs = new List<byte[]>();
            foreach (var (b64, j) in (t.Certificates ?? []).Select((x, j) => (x, j)))
            {
                try
                {
                    var der = Convert.FromBase64String(b64);
                    using var _ = X509CertificateLoader.LoadCertificate(der);
                    certs.Add(der);
                }
                catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
                {
                    problems.Add($"{at}.certificates[{j}]: not a base64 DER certificate ({ex.Message})");
                }
            }
            taxpayers[t.Mst!] = new Taxpayer(t.Mst!, t.Name ?? t.Mst!, t.Address, t.Email, status,
                t.StoppedUsingEinvoices, cr, certs);
        }

        for (var i = 0; i < (seed.Tvans?.Count ?? 0); i++)
        {
            var v = seed.Tvans![i];
            var at = $"tvans[{i}]";
            if (v.Code is not { Length: > 1 } code || !IsSenderCode(code))
            { problems.Add($"{at}.code: '{v.Code}' is not V (a T-VAN) or K (a directly connected taxpayer) followed by a valid MST"); continue; }
            if (v.ApiKey is null) { problems.Add($"{at}.apiKey: required"); continue; }
            if (strictKeys && KeyProblem(v.ApiKey, 1) is { } keyProblem) { problems.Add($"{at}.apiKey: {keyProblem}"); continue; }
            if (v.CallbackUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
                problems.Add($"{at}.callbackUrl: '{url}' is not an absolute URL");
            TvanContract? contract = v.Contract is { } k
                ? new TvanContract(k.From ?? DateOnly.MinValue, k.To ?? DateOnly.MaxValue, k.Status ?? "active")
                : null;
            tvans[code] = new Tvan(code, v.Name ?? code, v.ApiKey, string.IsNullOrWhiteSpace(v.CallbackUrl) ? null : v.CallbackUrl, contract);
        }

        foreach (var dup in tvans.Values.GroupBy(t => KeyHashHex(t.ApiKey)).Where(g => g.Count() > 1))
            problems.Add($"tvans: the API key of {string.Join(" and ", dup.Select(t => t.Code))} is the same; each T-VAN needs its own");
        foreach (var dup in taxpayers.Values.SelectMany(t => (t.CashRegister?.CodeBlocks ?? []).Select(b => (b, t.TaxCode)))
                     .GroupBy(x => x.b).Where(g => g.Select(x => x.TaxCode).Distinct().Count() > 1))
            problems.Add($"code block {dup.Key} is issued to more than one taxpayer ({string.Join(", ", dup.Select(x => x.TaxCode).Distinct())})");
        if (strictKeys && seed.AdminKey is { } givenAdminKey && KeyProblem(givenAdminKey, MinAdminKeyLength) is { } adminProblem)
            problems.Add($"adminKey: {adminProblem}");
        var adminKey = seed.AdminKey ?? AdminKey;
        if (adminKey is not null && tvans.Values.Any(t => KeyHashHex(t.ApiKey) == Convert.ToHexString(Hash(adminKey))))
            problems.Add("adminKey: the same as a T-VAN's API key; T-VAN keys must not reach the control plane");
        if (problems.Count > 0) throw new SeedException(problems);

        var authority = seed.TaxAuthority is { } a
            ? new AuthorityInfo(a.Name ?? Authority.Name, a.Place ?? Authority.Place)
            : Authority;
        return new ReferenceData(authority, adminKey, taxpayers, tvans);
    }

    /// <summary>This snapshot as a seed document (how it is persisted).</summary>
    public SeedDocument ToSeed() => new()
    {
        TaxAuthority = new SeedAuthority { Name = Authority.Name, Place = Authority.Place },
        AdminKey = AdminKey,
        Taxpayers = [.. Taxpayers.Values.OrderBy(t => t.TaxCode, StringComparer.Ordinal).Select(t => new SeedTaxpayer
        {
            Mst = t.TaxCode, Name = t.Name, Address = t.Address, Email = t.Email, Status = t.Status,
            StoppedUsingEinvoices = t.StoppedUsingEinvoices,
            CashRegister = t.CashRegister is { } c
                ? new SeedCashRegister { AcceptedOn = c.AcceptedOn, Forms = [.. c.Forms], CodeBlocks = [.. c.CodeBlocks] }
                : null,
            Certificates = t.Certificates.Count == 0 ? null : [.. t.Certificates.Select(Convert.ToBase64String)],
        })],
        Tvans = [.. Tvans.Values.OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => new SeedTvan
        {
            Code = t.Code, Name = t.Name, ApiKey = t.ApiKey, CallbackUrl = t.CallbackUrl,
            Contract = t.Contract is { } k ? new SeedContract { From = k.From, To = k.To, Status = k.Status } : null,
        })],
    };

    /// <summary>A copy with one taxpayer replaced (registration outcomes).</summary>
    public ReferenceData With(Taxpayer taxpayer)
    {
        var taxpayers = new Dictionary<string, Taxpayer>(Taxpayers, StringComparer.Ordinal) { [taxpayer.TaxCode] = taxpayer };
        return new ReferenceData(Authority, AdminKey, taxpayers, Tvans);
    }
}

/// <summary>A seed document that cannot be applied; lists every problem with its JSON path.</summary>
public sealed class SeedException(IReadOnlyList<string> problems, string? source = null)
    : Exception($"{source ?? "the seed"} has problems: " + string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
