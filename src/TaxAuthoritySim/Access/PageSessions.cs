using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Endpoints;
using ConformanceKit.TaxAuthoritySim.Registry;

namespace ConformanceKit.TaxAuthoritySim.Access;

/// <summary>Who is looking at a page: the operator (admin key), one T-VAN (its API key), or nobody known.</summary>
public sealed record Viewer(bool IsAdmin, Tvan? Tvan)
{
    public static readonly Viewer Anonymous = new(false, null);

    public bool IsKnown => IsAdmin || Tvan is not null;

    /// <summary>Null for the operator (sees everything); the T-VAN code otherwise.</summary>
    public string? TvanCode => IsAdmin ? null : Tvan?.Code;

    public string Label => IsAdmin ? "quản trị / operator" : Tvan is { } t ? $"T-VAN {t.Code}" : "";
}

/// <summary>
/// Logins to the operator pages. A login gets a random 256-bit session id, held in memory only
/// (a restart logs everyone out) and sent as an HttpOnly, SameSite=Strict cookie; the key itself is
/// never stored in the cookie. The session keeps a SHA-256 of the key it was opened with, so a seed
/// that changes the admin key or a T-VAN's key ends the sessions opened with the old one.
/// </summary>
public sealed class PageSessions
{
    public const string CookieName = "ck_session";

    /// <summary>Sessions kept at most; the oldest go first when full.</summary>
    public const int MaxSessions = 1_000;

    /// <summary>Keys longer than this are wrong without being compared.</summary>
    public const int MaxKeyLength = 512;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public PageSessions(TimeProvider time, TimeSpan lifetime)
    {
        _time = time;
        _lifetime = lifetime;
    }

    public int Count => _sessions.Count;

    /// <summary>
    /// Who the request is: a valid X-Admin-Key or X-Api-Key header, else a live session cookie, else
    /// <see cref="Viewer.Anonymous"/>. <paramref name="wrongKey"/> is true when a key header was given and is wrong.
    /// </summary>
    public Viewer Resolve(HttpContext http, ReferenceData registry, out bool wrongKey)
    {
        wrongKey = false;
        if (ApiKeys.IsAdmin(http, registry)) return new Viewer(true, null);
        if (ApiKeys.Tvan(http, registry) is { } tvan) return new Viewer(false, tvan);
        wrongKey = http.Request.Headers.ContainsKey(ApiKeys.AdminHeader) || http.Request.Headers.ContainsKey(ApiKeys.TvanHeader);
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and <= 100 } id || !_sessions.TryGetValue(id, out var session))
            return Viewer.Anonymous;
        if (_time.GetUtcNow() >= session.ExpiresAt)
        {
            _sessions.TryRemove(id, out _);
            return Viewer.Anonymous;
        }
        if (session.TvanCode is null)
            return Matches(registry.AdminKey, session.KeyHash) ? new Viewer(true, null) : Viewer.Anonymous;
        return registry.Tvans.GetValueOrDefault(session.TvanCode) is { } t && ReferenceData.KeyMatches(t.ApiKey, session.KeyHash)
            ? new Viewer(false, t) : Viewer.Anonymous;
    }

    /// <summary>
    /// Who a typed key belongs to, compared in constant time against the admin key and every T-VAN's
    /// key (SHA-256 first, so the length is not revealed either; no early exit).
    /// </summary>
    public static Viewer Match(string? key, ReferenceData registry)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength) return Viewer.Anonymous;
        var given = Hash(key);
        var admin = Matches(registry.AdminKey, given);
        Tvan? found = null;
        foreach (var t in registry.Tvans.Values)
            if (ReferenceData.KeyMatches(t.ApiKey, given)) found = t;
        return admin ? new Viewer(true, null) : found is not null ? new Viewer(false, found) : Viewer.Anonymous;
    }

    /// <summary>Opens a session for <paramref name="viewer"/> (who typed <paramref name="key"/>) and sets its cookie.</summary>
    public void Open(HttpContext http, Viewer viewer, string key)
    {
        if (!viewer.IsKnown) throw new ArgumentException("only a known viewer gets a session", nameof(viewer));
        var now = _time.GetUtcNow();
        if (_sessions.Count >= MaxSessions) MakeRoom(now);
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        _sessions[id] = new Session(viewer.IsAdmin ? null : viewer.Tvan!.Code, Hash(key), now, now + _lifetime);
        http.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = _lifetime,
            IsEssential = true,
        });
    }

    /// <summary>Ends the request's session (if any) and clears its cookie.</summary>
    public void Close(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is { Length: > 0 } id) _sessions.TryRemove(id, out _);
        http.Response.Cookies.Delete(CookieName, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/",
        });
    }

    private void MakeRoom(DateTimeOffset now)
    {
        foreach (var (id, s) in _sessions)
            if (now >= s.ExpiresAt) _sessions.TryRemove(id, out _);
        if (_sessions.Count < MaxSessions) return;
        foreach (var id in _sessions.OrderBy(s => s.Value.OpenedAt).Take(MaxSessions / 4).Select(s => s.Key).ToList())
            _sessions.TryRemove(id, out _);
    }

    private static bool Matches(string? expected, byte[] givenHash) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Hash(expected), givenHash);

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Session(string? TvanCode, byte[] KeyHash, DateTimeOffset OpenedAt, DateTimeOffset ExpiresAt);
}
