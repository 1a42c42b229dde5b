using System.Globalization;
using System.Security.Cryptography.Xml;
using System.Xml;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Einvoice.Signatures;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;
using ConformanceKit.Load;

// Validation and signature-verification throughput of one 206 package on one core, each as a
// ratio to a bare XmlReader pass over the same bytes measured in the same run (the floor).
// Usage: dotnet run -c Release --project load/Benchmarks -- [--invoices 100] [--seconds 5]
var invoices = Arg("--invoices", 100);
var seconds = Arg("--seconds", 5);
var duration = TimeSpan.FromSeconds(seconds);
var warmup = TimeSpan.FromSeconds(Math.Max(1, seconds / 3));

var certificate = SamplePackageBuilder.CreateCertificate();
var bytes = SamplePackageBuilder.BuildSigned(new SamplePackageOptions { Invoices = invoices }, certificate,
    new DateTime(2025, 6, 15, 21, 0, 0));
var check = MessageValidator.Validate(bytes);
if (!check.IsValid) throw new InvalidOperationException("the benchmark package is not valid");

Console.WriteLine($"206 package: {invoices} invoices, {bytes.Length:N0} bytes ({bytes.Length / (double)invoices:N0} B/invoice); " +
                  $".NET {Environment.Version}, {Environment.ProcessorCount} cores, one thread; median of ~200 ms samples over {seconds} s");
Console.WriteLine();

var noSignatures = new ValidationOptions { CheckSignatures = false };
var results = new List<Measure.Rate>
{
    Run("XmlReader pass (floor)", () => BareRead(bytes)),
    Run("XmlDocument.Load", () => SafeXml.LoadDocument(bytes)),
    Run("MessageReader.Read (typed model)", () => MessageReader.Read(bytes)),
    Run("validate: schema + rules + advisory", () => MessageValidator.Validate(bytes, noSignatures)),
    Run("verify signature (load + VerifyPackage)", () => XmlSignatureVerifier.VerifyPackage(SafeXml.LoadDocument(bytes))),
    Run("verify signature (SignedXml baseline)", () => SignedXmlCheck(bytes)),
    Run("validate: everything incl. signature", () => MessageValidator.Validate(bytes)),
};

var floor = results[0];
Console.WriteLine($"{"work over one package",-42} {"pkg/s",10} {"invoices/s",12} {"MB/s",9} {"× floor time",13}");
foreach (var r in results)
    Console.WriteLine($"{r.Name,-42} {r.OpsPerSecond,10:N1} {r.InvoicesPerSecond,12:N0} {r.MegabytesPerSecond,9:N1} {floor.OpsPerSecond / r.OpsPerSecond,13:N1}");
return 0;

Measure.Rate Run(string name, Action op)
{
    var rate = Measure.Run(name, op, bytes.Length, invoices, duration, warmup);
    Console.Error.WriteLine($"  measured {name}");
    return rate;
}

static void BareRead(byte[] data)
{
    using var ms = new MemoryStream(data, writable: false);
    using var reader = XmlReader.Create(ms, SafeXml.ReaderSettings());
    while (reader.Read()) { }
}

static void SignedXmlCheck(byte[] data)
{
    var doc = SafeXml.LoadDocument(data);
    var element = (XmlElement)doc.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl)[0]!;
    var signed = new SignedXml(doc);
    signed.LoadXml(element);
    if (!signed.CheckSignature()) throw new InvalidOperationException("SignedXml rejected the package");
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
