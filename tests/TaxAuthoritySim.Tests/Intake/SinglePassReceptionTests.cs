using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.TaxAuthoritySim.Checks;
using ConformanceKit.TaxAuthoritySim.Intake;
using ConformanceKit.TaxAuthoritySim.Registry;
using ConformanceKit.TaxAuthoritySim.Tests.Processing;
using ConformanceKit.TaxAuthoritySim.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FSharp.Core;

namespace ConformanceKit.TaxAuthoritySim.Tests.Intake;

/// <summary>
/// Reception validates a 206 in full once (for its data check) and still answers exactly the 999 of the envelope-only
/// reception check; the data check reuses that read only while the taxpayer's code blocks are those it was made with.
/// </summary>
public sealed class SinglePassReceptionTests(SimulatorFactory sim) : IClassFixture<SimulatorFactory>
{
    private ReferenceData Registry => sim.Services.GetRequiredService<RegistryService>().Current;

    private Tvan DemoTvan => Registry.Tvans[DemoData.TvanCode];

    private static string Describe(ReceptionCheck.Result r) => string.Join("\n", r.Reasons.Select(x => $"{x.Code} {x.Description}"));

    private static string Describe(ValidationResult v) =>
        string.Join("\n", v.Findings.Select(f => $"{f.Code} {f.Severity} {f.Line}:{f.Column} {f.Path} {f.Message} {f.InvoiceIndex} {f.InvoiceCode}"));

    [Fact]
    public void Mutated_messages_get_the_same_reception_reasons_as_the_envelope_pass_and_a_faithful_read()
    {
        _ = sim.CreateClient(); // start the host: the registry is loaded
        var gen =
            from op in Gen.Choose(0, 6)
            from element in Gen.Choose(0, 10_000)
            from position in Gen.Choose(0, 100_000)
            from retype in Gen.Choose(0, 7)
            select new MutationPropertyTests.Mutation(op, element, position, retype);
        var config = Config.QuickThrowOnFailure.WithMaxTest(300)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261206UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        var original = Packages.Signed(Packages.Options(invoices: 2));
        int refused = 0, taken = 0, read = 0;
        Check.One(config, Prop.ForAll(gen.ToArbitrary(), m =>
        {
            var body = MutationPropertyTests.Mutate(original, m);
            var envelope = ReceptionCheck.Run(body, DemoTvan);
            var single = ReceptionCheck.RunWithData(body, DemoTvan, Registry);
            Assert.Equal(Describe(envelope), Describe(single));
            Assert.Equal(envelope.Validation.MessageId, single.Validation.MessageId);
            Assert.Equal(envelope.Validation.Sender, single.Validation.Sender);
            Assert.Equal(envelope.Validation.MessageType, single.Validation.MessageType);
            Assert.Equal(envelope.Validation.TaxCode, single.Validation.TaxCode);
            Assert.Equal(envelope.Validation.DeclaredCount, single.Validation.DeclaredCount);
            if (single.Reasons.Count > 0) refused++;
            else taken++;
            if (single.Package is { } package)
            {
                read++;
                // What the data check would have read from the stored body with the same blocks.
                var fresh = MessageValidator.Validate(body, PackageUnderCheck.OptionsFor(package.CodeBlocks));
                Assert.Equal(Describe(fresh), Describe(package.Result));
                // A message taken is checked with its envelope MST's blocks: the read made at reception is the one used.
                if (single.Reasons.Count == 0)
                    Assert.True(package.StillHolds(Registry.Taxpayer(single.Validation.TaxCode)?.CashRegister?.CodeBlocks));
                Assert.Equal(fresh.InvoiceCodes, package.Result.InvoiceCodes);
            }
            return true;
        }));
        Assert.True(refused > 0 && taken > 0 && read > 0, $"refused {refused}, taken {taken}, read at reception {read}");
    }

    [Fact]
    public void A_valid_package_is_read_once_at_reception()
    {
        _ = sim.CreateClient();
        var single = ReceptionCheck.RunWithData(Packages.Signed(), DemoTvan, Registry);
        Assert.Empty(single.Reasons);
        Assert.NotNull(single.Package);
        Assert.True(single.Package!.Result.IsValid, Describe(single.Package.Result));
        Assert.Same(single.Package.Result, single.Validation);
        Assert.Equal(3, single.Package.Result.Invoices.Count);
    }

    [Fact]
    public void The_read_is_reused_only_while_the_taxpayers_code_blocks_are_unchanged()
    {
        _ = sim.CreateClient();
        var body = Packages.Signed();
        var taxpayer = Registry.Taxpayer(DemoData.TaxCode)!;
        var atReception = ReceptionCheck.RunWithData(body, DemoTvan, Registry).Package!;
        var same = PackageUnderCheck.Of(body, DemoData.TaxCode, Registry, DemoTvan, DateTimeOffset.UtcNow, atReception);
        Assert.Same(atReception.Result, same.Read);

        // Read against other blocks (the registry changed in between): validated again, 7002 judged against today's blocks.
        var stale = atReception with { CodeBlocks = ["ZZZZZ"] };
        var again = PackageUnderCheck.Of(body, DemoData.TaxCode, Registry, DemoTvan, DateTimeOffset.UtcNow, stale);
        Assert.NotSame(atReception.Result, again.Read);
        Assert.Equal(Describe(atReception.Result), Describe(again.Read));
        Assert.NotNull(taxpayer.CashRegister);
        Assert.False(stale.StillHolds(taxpayer.CashRegister!.CodeBlocks));
        Assert.False(new PackageRead(atReception.Result, null).StillHolds(taxpayer.CashRegister.CodeBlocks));
        Assert.True(new PackageRead(atReception.Result, null).StillHolds(null));
    }
}
