using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace ConformanceKit.ProviderSim;

/// <summary>
/// Record → replay: a WireMock.Net proxy in front of a provider (a sandbox, or a stand-in) that records every exchange as a
/// mapping; <see cref="Save"/> writes them as mapping files with credentials and the buyer's personal data scrubbed;
/// <see cref="Replay"/> serves such a folder offline.
/// </summary>
public sealed partial class Recorder : IDisposable
{
    private Recorder(WireMockServer server) => Server = server;

    public WireMockServer Server { get; }

    public Uri Address => new(Server.Urls[0].TrimEnd('/') + "/");

    /// <summary>Headers never written into a recorded mapping (credentials, and what differs per connection).</summary>
    public static readonly string[] ExcludedHeaders =
        ["Authorization", "Cookie", "Set-Cookie", "Host", "Content-Length", "User-Agent", "Accept-Encoding", "Connection", "traceparent", "X-Api-Key"];

    public static Recorder Start(Uri target, string? urls = null)
    {
        var settings = new WireMockServerSettings
        {
            StartAdminInterface = true,
            Logger = new WireMockNullLogger(),
            ProxyAndRecordSettings = new ProxyAndRecordSettings
            {
                Url = target.ToString().TrimEnd('/'), SaveMapping = true, SaveMappingToFile = false,
                ExcludedHeaders = ExcludedHeaders, ExcludedCookies = ["access_token", "JSESSIONID", "ASP.NET_SessionId"],
            },
        };
        if (urls is not null) settings.Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new Recorder(WireMockServer.Start(settings));
    }

    /// <summary>Writes the recorded exchanges into <paramref name="folder"/>/mappings/ (scrubbed); returns how many.</summary>
    /// <param name="matchBodies">Keep the request bodies (scrubbed) as matchers; false = answer by method, path and query only.</param>
    public int Save(string folder, bool matchBodies = true)
    {
        var raw = Directory.CreateTempSubdirectory("ck-recording-").FullName;
        try
        {
            Server.SaveStaticMappings(raw);
            var target = Path.Combine(folder, "mappings");
            Directory.CreateDirectory(target);
            var n = 0;
            foreach (var file in Directory.GetFiles(raw, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject mapping) continue;
                if (mapping["Response"]?["ProxyUrl"] is not null) continue; // the recorder's own proxy-everything mapping
                Scrub(mapping, matchBodies);
                n++;
                var path = mapping["Request"]?["Path"]?["Matchers"]?[0]?["Pattern"]?.ToString() ?? "request";
                var name = $"{n:D3}-{Slug().Replace(path.Trim('/'), "-")}.json";
                File.WriteAllText(Path.Combine(target, name), mapping.ToJsonString(new JsonSerializerOptions
                {
                    WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
                }) + "\n");
            }
            return n;
        }
        finally
        {
            Directory.Delete(raw, recursive: true);
        }
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    /// <summary>A WireMock.Net server answering from a folder of mapping files (a recording, or any mappings), offline.</summary>
    public static WireMockServer Replay(string folder, string? urls = null)
    {
        var settings = new WireMockServerSettings { StartAdminInterface = true, Logger = new WireMockNullLogger() };
        if (urls is not null) settings.Urls = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var server = WireMockServer.Start(settings);
        var mappings = Directory.Exists(Path.Combine(folder, "mappings")) ? Path.Combine(folder, "mappings") : folder;
        foreach (var file in Directory.GetFiles(mappings, "*.json").Order(StringComparer.Ordinal)) server.WithMapping(File.ReadAllText(file));
        return server;
    }

    /// <summary>Credentials: their values never reach a file.</summary>
    [GeneratedRegex("pass|token|secret|appid|^jti$|authorization|signature", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();

    /// <summary>The buyer's personal data: replaced in answers, matched by wildcard in requests.</summary>
    [GeneratedRegex("^(buyer(name|legalname|fullname|phone|phonenumber|email|idno|idnumber|address|addressline|displayname)|receiver(name|email|mobile)|email|phone|mobile)$", RegexOptions.IgnoreCase)]
    private static partial Regex Personal();

    /// <summary>An XML element with text only: its opening tag, name and closing tag (prefixes allowed).</summary>
    [GeneratedRegex(@"(?<open><(?:[\w.-]+:)?(?<name>[\w.-]+)(?:\s[^>]*)?>)[^<]*(?<close></(?:[\w.-]+:)?\k<name>>)")]
    private static partial Regex XmlElementText();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex Slug();

    public static bool Sensitive(string name) => Secret().IsMatch(name) || Personal().IsMatch(name);

    private static void Scrub(JsonObject mapping, bool matchBodies)
    {
        mapping.Remove("Guid");
        mapping.Remove("UpdatedAt");
        mapping["Title"] = "recorded: " + (mapping["Title"]?.ToString() ?? "");
        if (mapping["Request"] is JsonObject request)
        {
            request.Remove("Headers");
            request.Remove("Cookies");
            if (!matchBodies) request.Remove("Body");
            else if (request["Body"]?["Matcher"] is JsonObject matcher) ScrubMatcher(matcher);
        }
        if (mapping["Response"] is JsonObject response)
        {
            if (response["Headers"] is JsonObject headers)
                foreach (var h in new[] { "Set-Cookie", "Date", "Transfer-Encoding", "Content-Length", "Server" })
                    foreach (var key in headers.Select(p => p.Key).Where(k => k.Equals(h, StringComparison.OrdinalIgnoreCase)).ToList())
                        headers.Remove(key);
            if (response["BodyAsJson"] is { } json) ScrubValues(json, _ => "REDACTED");
            else if (response["Body"]?.ToString() is { Length: > 0 } text && TryJson(text) is { } parsed)
            {
                ScrubValues(parsed, _ => "REDACTED");
                response["Body"] = parsed.ToJsonString();
            }
        }
    }

    private static void ScrubMatcher(JsonObject matcher)
    {
        var pattern = matcher["Pattern"];
        if (pattern is JsonObject or JsonArray)
        {
            ScrubValues(pattern, _ => "*");
            matcher["Name"] = "JsonPartialWildcardMatcher";
        }
        else if (pattern?.ToString() is { } text && TryJson(text) is { } parsed)
        {
            ScrubValues(parsed, _ => "*");
            matcher["Name"] = "JsonPartialWildcardMatcher";
            matcher["Pattern"] = parsed;
        }
        else if (pattern?.ToString() is { } xml && xml.TrimStart().StartsWith('<'))
        {
            // a SOAP / XML body (VNPT: ACpass, password, userPass in every call): a credential element's text becomes *
            matcher["Name"] = "WildcardMatcher";
            matcher["Pattern"] = XmlElementText().Replace(xml, m => Sensitive(m.Groups["name"].Value) ? m.Groups["open"].Value + "*" + m.Groups["close"].Value : m.Value);
        }
        else if (pattern?.ToString() is { } form && form.Contains('=') && !form.Contains(' '))
        {
            var parts = form.Split('&').Select(p =>
            {
                var eq = p.IndexOf('=');
                var key = eq < 0 ? p : Uri.UnescapeDataString(p[..eq]);
                return eq >= 0 && Sensitive(key) ? p[..(eq + 1)] + "*" : p;
            });
            matcher["Name"] = "WildcardMatcher";
            matcher["Pattern"] = string.Join('&', parts);
        }
    }

    private static JsonNode? TryJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject or JsonArray ? JsonNode.Parse(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void ScrubValues(JsonNode node, Func<string, string> replacement)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue && Sensitive(key) && value.ToString().Length > 0) o[key] = replacement(key);
                    else if (value is JsonValue v && v.TryGetValue<string>(out var s) && TryJson(s) is { } nested) // a JSON string (MISA's Data)
                    {
                        ScrubValues(nested, replacement);
                        o[key] = nested.ToJsonString();
                    }
                    else if (value is not null) ScrubValues(value, replacement);
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (item is not null) ScrubValues(item, replacement);
                break;
        }
    }
}
