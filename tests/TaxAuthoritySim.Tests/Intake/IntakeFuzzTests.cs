using System.Net;
using System.Text;
using ConformanceKit.TaxAuthoritySim.Tests.Support;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>
/// Seeded mutations of a signed package: whatever arrives, the answer is never a 5xx, every message
/// taken is processed (no poisoned queue), and an honest package still gets its 204 afterwards.
/// </summary>
[Trait("Category", "Slow")]
[Trait("Kind", "Fuzz")]
public sealed class IntakeFuzzTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private const int Mutations = 2000;

    private static readonly string[] Snippets =
    [
        "\u0001", "&#x1;", "&#xD800;", "\uFFFE", "&#xFFFF;", "\u0000", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;", "&amp;", "&#x10FFFF;",
        "<![CDATA[x]]>", "]]>", "<?pi x?>", "<!-- c -->", " xmlns=\"urn:x\"", " xmlns:ds=\"urn:evil\"", " xmlns:p=\"urn:p\"",
        "<HDon>", "</DLieu>", "</TDiep>", "<TDiep>", "<MCCQT>M1-25-A1B2C-00000000001</MCCQT>", "<SLuong>-1</SLuong>",
        "<SLuong>99999999999999999999</SLuong>", "<TSuat>7%</TSuat>", "<NLap>9999-12-31</NLap>", "<NLap>0001-01-01</NLap>",
        "<DGia>1e308</DGia>", "<DGia>NaN</DGia>", "<SHDon>abc</SHDon>", "<ds:Signature/>", "Id=\"DLieu\"", " Id=\"DLieu\"",
        "\ud83d\ude00", "\u200b", "\\", "'", "\"", "%", "\r\n", "\t", "\u00a0", "𝔘",
    ];

    [Fact]
    public async Task Thousands_of_mutated_packages_get_no_5xx_and_leave_the_simulator_healthy()
    {
        var tvan = sim.Tvan();
        var random = new Random(20261206);
        var valid = Packages.Signed(Packages.Options(invoices: 3));
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var batch = 0; batch < Mutations / 8; batch++)
        {
            var bodies = Enumerable.Range(0, 8).Select(_ => Mutate(valid, random)).ToList();
            var posted = await Task.WhenAll(bodies.Select(tvan.PostMessageAsync));
            foreach (var (p, body) in posted.Zip(bodies))
            {
                Assert.True((int)p.Status < 500, $"HTTP {(int)p.Status} for a mutant: {Excerpt(body)}\n{Encoding.UTF8.GetString(p.Body)}");
                statuses[p.Status] = statuses.GetValueOrDefault(p.Status) + 1;
            }
        }
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > Mutations / 4, string.Join(", ", statuses));

        // Every message taken gets processed: the simulator goes idle (a poisoned message would be retried for ever).
        var health = await SimulatorHealth.IdleAsync(sim.CreateClient(), TimeSpan.FromSeconds(90));
        Assert.Equal(0, health.Pending);
        Assert.True(health.Processed > 0, "no message was processed");

        var honest = Packages.Signed();
        var ack = await tvan.PostMessageAsync(honest);
        Assert.Equal(0, ack.Ack!.Status);
        Assert.Equal(2, (await tvan.NoticeAsync(Packages.IdOf(honest), TimeSpan.FromSeconds(30))).Kind);
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = valid.ToList();
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            var len = Math.Min(1 + random.Next(64), bytes.Count - at);
            switch (random.Next(7))
            {
                case 0: bytes.RemoveRange(at, len); break;
                case 1: bytes.InsertRange(at, bytes.GetRange(at, len)); break;
                case 2: bytes[at] = (byte)random.Next(256); break;
                case 3: bytes.RemoveRange(at, bytes.Count - at); break;
                case 4: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Snippets[random.Next(Snippets.Length)])); break;
                case 5: bytes.InsertRange(AfterTag(bytes, at), Encoding.UTF8.GetBytes(Snippets[random.Next(Snippets.Length)])); break;
                default:
                    // Structure bombs, small enough to send many: attributes, declarations, depth.
                    var bomb = random.Next(3) switch
                    {
                        0 => string.Concat(Enumerable.Range(0, 100 + random.Next(400)).Select(i => $" a{i}=\"\"")),
                        1 => string.Concat(Enumerable.Range(0, 100 + random.Next(400)).Select(i => $" xmlns:n{i}=\"urn:{i}\"")),
                        _ => "><" + string.Concat(Enumerable.Repeat("<d>", 70)) + string.Concat(Enumerable.Repeat("</d>", 70)),
                    };
                    bytes.InsertRange(AfterTagName(bytes, at), Encoding.UTF8.GetBytes(bomb));
                    break;
            }
        }
        return [.. bytes];
    }

    private static int AfterTag(List<byte> bytes, int from)
    {
        var i = bytes.IndexOf((byte)'>', from);
        return i < 0 ? bytes.Count : i + 1;
    }

    private static int AfterTagName(List<byte> bytes, int from)
    {
        var i = bytes.IndexOf((byte)'<', from);
        if (i < 0) return bytes.Count;
        while (i < bytes.Count && bytes[i] is not ((byte)' ' or (byte)'>' or (byte)'/')) i++;
        return i;
    }

    private static string Excerpt(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
