using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.ControlPlane;

/// <summary>
/// Mutated control-plane JSON (seeded, so a failure repeats): no answer is a 5xx, and afterwards the
/// simulator still serves — health, clock, faults, the admin key and a valid package.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Fuzz")]
public sealed class AdminFuzzTests : IDisposable
{
    private const int Seed = 20251205;
    private const int Requests = 1500;
    private const string Hole = "__FUZZ__";

    private readonly SimulatorFactory _sim = new();

    public void Dispose() => _sim.Dispose();

    private sealed record Target(HttpMethod Method, string Url, string Template);

    private static readonly Target[] Targets =
    [
        new(HttpMethod.Post, "/admin/v1/seed", """
            {"taxAuthority":{"name":"Cục Thuế","place":"Hà Nội"},
             "taxpayers":[{"mst":"0309478306","name":"Fuzz","email":"f@example.test","status":"00","stoppedUsingEinvoices":false,
                           "cashRegister":{"acceptedOn":"2025-06-01","forms":[1,2],"codeBlocks":["F0Z2Z"]},"certificates":[]}],
             "tvans":[{"code":"V0301521415","name":"Fuzz","apiKey":"fuzz-tvan-key","callbackUrl":"http://127.0.0.1:9/cb",
                       "contract":{"from":"2025-01-01","to":"2027-12-31","status":"active"}}],
             "adminKey":"demo-admin-key"}
            """),
        new(HttpMethod.Put, "/admin/v1/clock", """{"now":"2025-06-15T09:00:00+07:00","rate":1.0,"processingDelaySeconds":0}"""),
        new(HttpMethod.Post, "/admin/v1/clock/advance", """{"seconds":60}"""),
        new(HttpMethod.Post, "/admin/v1/faults", """
            {"action":"Delay204","delaySeconds":2,"probability":0.5,"firstN":3,"route":"/api/v1/messages",
             "messageType":"206","mst":"0106324653","tvan":"V0309478306","id":"x"}
            """),
        new(HttpMethod.Post, "/admin/v1/reconciliation", """{"month":"2025-06"}"""),
    ];

    /// <summary>Raw JSON put where a value was: wrong types, non-finite and huge numbers, odd strings, nesting.</summary>
    private static string[] Tokens(Random random) =>
    [
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "1e300", "-1e300", "1e400", "-0", "0", "-1",
        "123456789012345678901234567890", "2147483648", "0.5", "true", "false", "null", "{}", "[]", "[null]", "[[[[1]]]]",
        "{\"a\":{\"b\":[{}]}}", new string('[', 300) + new string(']', 300), new string('[', 40) + new string(']', 40),
        "\"\"", "\"   \"", "\"\\u0000\\u0001\\u001f\"", "\"\\ud800\"", "\"tab\\tkey\"", "\"12\"", "\"1e300\"",
        "\"9999-12-31T23:59:59+00:00\"", "\"0001-01-01T00:00:00Z\"", "\"2025-13-45\"", "\"9999-12\"", "\"0000-00\"",
        "\"Delay999\"", "\"Status500\"", "\"Explode\"", "\"V\"", "\"http://\"",
        "\"" + new string('x', 100_000) + "\"", "\"" + RandomText(random) + "\"",
    ];

    /// <summary>A key mutated only into something weak: a fuzzed seed must not lock the test out.</summary>
    private static readonly string[] WeakKeys = ["\"\"", "\"   \"", "\"short\"", "\"\\u0000demo-admin-key\"", "null", "12", "[]",
        "\"" + new string('k', 300) + "\""];

    private static string RandomText(Random random)
    {
        const string chars = "aZ09 -_./:\\\"\u00e0\u1ec7\u4e2d";
        var text = new StringBuilder();
        for (var i = random.Next(0, 40); i > 0; i--)
        {
            var c = chars[random.Next(chars.Length)];
            text.Append(c is '"' or '\\' ? "\\" + c : c.ToString());
        }
        return text.ToString();
    }

    private static List<(JsonNode Parent, object Key)> Slots(JsonNode node)
    {
        var slots = new List<(JsonNode, object)>();
        if (node is JsonObject o)
            foreach (var (name, child) in o.ToList())
            {
                slots.Add((o, name));
                if (child is not null) slots.AddRange(Slots(child));
            }
        else if (node is JsonArray a)
            for (var i = 0; i < a.Count; i++)
            {
                slots.Add((a, i));
                if (a[i] is { } child) slots.AddRange(Slots(child));
            }
        return slots;
    }

    /// <summary>One mutation of the template, as bytes: a value replaced or removed, a key added, or the text broken.</summary>
    private static byte[] Mutate(Random random, string template)
    {
        var root = JsonNode.Parse(template)!;
        var slots = Slots(root);
        var (parent, key) = slots[random.Next(slots.Count)];
        var weak = key is "adminKey";
        var kind = random.Next(10);
        if (kind == 0 && parent is JsonObject po && !weak) po.Remove((string)key);
        else if (kind == 1 && parent is JsonObject pa) pa["unknown" + random.Next(3)] = Hole;
        else if (parent is JsonObject obj) obj[(string)key] = Hole;
        else ((JsonArray)parent)[(int)key] = Hole;
        var tokens = weak ? WeakKeys : Tokens(random);
        var text = root.ToJsonString().Replace($"\"{Hole}\"", tokens[random.Next(tokens.Length)], StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(text);
        switch (random.Next(12))
        {
            case 0: return bytes[..random.Next(bytes.Length)]; // truncated
            case 1: // a few random bytes overwritten
                for (var i = random.Next(1, 4); i > 0; i--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            case 2: // a raw control character inserted
                var at = random.Next(bytes.Length);
                return [.. bytes[..at], (byte)random.Next(0, 32), .. bytes[at..]];
            case 3: // nothing but noise
                var noise = new byte[random.Next(0, 64)];
                random.NextBytes(noise);
                return noise;
            default:
                return bytes;
        }
    }

    [Fact]
        public async Task Mutated_admin_JSON_never_gets_a_5xx_and_leaves_the_simulator_healthy()
    {
        var random = new Random(Seed);
        var admin = _sim.Admin();
        var failures = new List<string>();
        for (var n = 0; n < Requests; n++)
        {
            var target = Targets[random.Next(Targets.Length)];
            var body = Mutate(random, target.Template);
            using var request = new HttpRequestMessage(target.Method, target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            using var response = await admin.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Unauthorized)
                failures.Add($"#{n} {target.Method} {target.Url} → {(int)response.StatusCode} {Cut(answer)}\n    body: {Cut(Encoding.UTF8.GetString(body))}");
        }
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} bad answers:\n" + string.Join("\n", failures.Take(20)));

        // Clear what valid mutations left, so the checks below say something about the simulator, not the rules.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/admin/v1/faults")).StatusCode);
        var clock = await admin.PutAsJsonAsync("/admin/v1/clock", new { now = DateTimeOffset.UtcNow, rate = 1.0, processingDelaySeconds = 0 });
        Assert.Equal(HttpStatusCode.OK, clock.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _sim.CreateClient().GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/clock")).StatusCode);
        Assert.Equal("[]", (await admin.GetStringAsync("/admin/v1/faults")).Trim());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/journal?limit=5")).StatusCode);
        var posted = await _sim.Tvan(DemoData.TvanApiKey).PostMessageAsync(Packages.Signed());
        Assert.Equal(HttpStatusCode.OK, posted.Status);
        Assert.Equal(0, posted.Ack!.Status);
    }

    private static string Cut(string s) => s.Length <= 300 ? s : s[..300] + $"… ({s.Length} chars)";
}
