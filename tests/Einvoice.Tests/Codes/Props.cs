using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.Einvoice.Tests.Codes;

/// <summary>Runs FsCheck properties with a fixed seed so every run tests the same cases.</summary>
internal static class Props
{
    private static readonly Config Config = Config.QuickThrowOnFailure
        .WithMaxTest(500)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20250601UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    public static void ForAll<T>(Gen<T> gen, Func<T, bool> property) =>
        Check.One(Config, Prop.ForAll(gen.ToArbitrary(), property));

    public static void ForAll<T>(Gen<T> gen, int maxTest, Func<T, bool> property) =>
        Check.One(Config.WithMaxTest(maxTest), Prop.ForAll(gen.ToArbitrary(), property));

    public static Gen<string> Digits(int count) =>
        Gen.ArrayOf(Gen.Choose(0, 9), count).Select(ds => string.Concat(ds));

    public static Gen<string> UpperAlnum(int count) =>
        Gen.ArrayOf(Gen.Elements("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".ToCharArray()), count)
            .Select(cs => new string(cs));
}
