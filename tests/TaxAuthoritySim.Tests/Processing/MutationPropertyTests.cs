using System.Net;
using System.Text;
using System.Xml;
using ConformanceKit.Einvoice.Model;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.TaxAuthoritySim.Tests.Processing;

/// <summary>
/// Bad input, at random: valid packages mutated (drop, duplicate, reorder, retype, truncate,
/// oversize, inject a DTD) and posted. Never a 5xx; always a coded 999, and a 204 for what was
/// taken; nothing of an invalid package is stored.
/// </summary>
public sealed class MutationPropertyTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private static readonly string[] Retypes = ["", "abc", "-1", "99999999999999999999999", "2025-13-45", "<>&", "M9-99-ZZZZZ-1", "0.0000001"];

    public sealed record Mutation(int Op, int Element, int Position, int Retype);

    [Fact]
    public void Mutated_packages_get_a_coded_answer_and_nothing_invalid_is_stored()
    {
        var tvan = sim.Tvan();
        var lookup = sim.Tvan(); // the T-VAN sees its own invoices without the buyer's total
        var gen =
            from op in Gen.Choose(0, 6)
            from element in Gen.Choose(0, 10_000)
            from position in Gen.Choose(0, 100_000)
            from retype in Gen.Choose(0, Retypes.Length - 1)
            select new Mutation(op, element, position, retype);
        var config = Config.QuickThrowOnFailure.WithMaxTest(70)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20251122UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        var seen = new HashSet<string>();
        Check.One(config, Prop.ForAll(gen.ToArbitrary(), m =>
        {
            var original = Packages.Signed(Packages.Options(invoices: 2));
            var codes = Packages.CodesOf(original);
            var body = Mutate(original, m);
            var posted = tvan.PostMessageAsync(body).GetAwaiter().GetResult();
            Assert.True((int)posted.Status < 500, $"{m}: HTTP {(int)posted.Status}");
            Assert.NotNull(posted.Ack);
            seen.Add(((int)posted.Status).ToString());
            if (posted.Status != HttpStatusCode.OK)
            {
                Assert.Equal(1, posted.Ack!.Status);
                Assert.All(posted.Ack.Reasons!, r => Assert.Matches("^1\\d{3}$", r.Code!));
                return true;
            }
            Assert.Equal(0, posted.Ack!.Status);
            var id = posted.Ack.MessageId!;
            var notice = MessageReader.Read<DataCheckNotice>(tvan.WaitForAsync(id).GetAwaiter().GetResult());
            seen.Add("LTBao " + notice.Kind);
            if (notice.Kind == 7)
            {
                Assert.All(notice.Errors!, e => Assert.Matches("^[2-7]\\d{3}$", e.Code!));
                foreach (var code in codes)
                    Assert.Equal(HttpStatusCode.NotFound,
                        lookup.GetAsync($"/api/v1/invoices/{DemoData.TaxCode}/{code}").GetAwaiter().GetResult().StatusCode);
            }
            return true;
        }));
        // The generator reached both sides of the intake.
        Assert.Contains("400", seen);
        Assert.Contains("LTBao 7", seen);
    }

    internal static byte[] Mutate(byte[] valid, Mutation m)
    {
        switch (m.Op)
        {
            case 4: // truncate
                return valid[..(m.Position % valid.Length)];
            case 5: // oversize
                return [.. valid, .. Encoding.UTF8.GetBytes("<!--" + new string('x', 2 * 1024 * 1024) + "-->")];
            case 6: // inject a DTD
                var text = Encoding.UTF8.GetString(valid);
                var at = text.IndexOf("<TDiep", StringComparison.Ordinal);
                return Encoding.UTF8.GetBytes(text[..at] + "<!DOCTYPE TDiep [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + text[at..]);
        }
        var doc = SafeXml.LoadDocument(valid);
        var elements = doc.SelectNodes("//*")!.OfType<XmlElement>().Where(e => e != doc.DocumentElement).ToList();
        var target = elements[m.Element % elements.Count];
        var parent = (XmlElement)target.ParentNode!;
        switch (m.Op)
        {
            case 0: parent.RemoveChild(target); break;                                  // drop
            case 1: parent.InsertAfter(target.CloneNode(true), target); break;         // duplicate
            case 2:                                                                     // reorder
                if (target.NextSibling is { } next) { parent.RemoveChild(target); parent.InsertAfter(target, next); }
                else parent.PrependChild(parent.RemoveChild(target)!);
                break;
            case 3:                                                                     // retype
                if (target.HasChildNodes && target.FirstChild is XmlText) target.InnerText = Retypes[m.Retype];
                else target.AppendChild(doc.CreateTextNode(Retypes[m.Retype]));
                break;
        }
        return SafeXml.ToBytes(doc);
    }
}
