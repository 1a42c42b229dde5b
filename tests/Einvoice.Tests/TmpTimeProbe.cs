using System.Diagnostics;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Schemas;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.Einvoice.Tests;

public class TmpTimeProbe
{
    [Fact]
    public void Probe()
    {
        var cert = SamplePackageBuilder.CreateCertificate();
        var bytes = SamplePackageBuilder.BuildSigned(new SamplePackageOptions { Invoices = 100 }, cert, new DateTime(2025, 6, 15, 21, 0, 0));
        var set = SchemaCatalog.For("206")!;
        var place = StreamedSignature.Placement("206");
        var noAdv = new ValidationOptions { CheckSignatures = false, Advisory = false };
        var noSig = new ValidationOptions { CheckSignatures = false };
        var dom = new ValidationOptions { StreamSignatures = false };
        var ops = new (string, Action)[]
        {
            ("pass", () => SchemaPass.Run(bytes, set, new List<Finding>(), (_, _, _) => "3001")),
            ("pass+capture", () => SchemaPass.Run(bytes, set, new List<Finding>(), (_, _, _) => "3001", signatures: place)),
            ("pass headerOnly", () => SchemaPass.Run(bytes, set, new List<Finding>(), (_, _, _) => "3001", headerOnly: true)),
            ("validate noadv nosig", () => MessageValidator.Validate(bytes, noAdv)),
            ("validate nosig", () => MessageValidator.Validate(bytes, noSig)),
            ("validate all", () => MessageValidator.Validate(bytes)),
            ("validate all dom", () => MessageValidator.Validate(bytes, dom)),
            ("headerscan", () => HeaderScan.Run(bytes)),
        };
        var best = new double[ops.Length];
        Array.Fill(best, double.MaxValue);
        for (var round = 0; round < 15; round++)
            for (var i = 0; i < ops.Length; i++)
            {
                ops[i].Item2();
                var sw = Stopwatch.StartNew();
                for (var k = 0; k < 20; k++) ops[i].Item2();
                best[i] = Math.Min(best[i], sw.Elapsed.TotalMicroseconds / 20);
            }
        File.WriteAllLines("/tmp/vf-time.txt", ops.Select((o, i) => $"{o.Item1,-22} {best[i],8:N0} µs"));
    }
}
