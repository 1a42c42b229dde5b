using ConformanceKit.TaxAuthoritySim.Delivery;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConformanceKit.TaxAuthoritySim.Tests.Delivery;

/// <summary>Only a bare address from NMua/DCTDTu reaches a header, and no invoice text brings a line break into one.</summary>
public sealed class BuyerAddressTests
{
    [Theory]
    [InlineData("mua@example.test")]
    [InlineData("  nguyen.van.an+hoadon@cong-ty.example.vn ")]
    public void A_plain_address_is_taken(string raw) => Assert.Equal(raw.Trim(), BuyerAddress.Parse(raw));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("khong-phai-dia-chi")]
    [InlineData("a@b")]
    [InlineData("a@.example.test")]
    [InlineData("a@example..test")]
    [InlineData("Tên <mua@example.test>")]
    [InlineData("<mua@example.test>")]
    [InlineData("mua@example.test, khac@example.test")]
    [InlineData("mua@example.test;khac@example.test")]
    [InlineData("mua@example.test\r\nBcc: ke-gian@example.test")]
    [InlineData("mua@example.test\nBcc:x@example.test")]
    [InlineData("\"a b\"@example.test")]
    public void Anything_else_is_refused(string? raw) => Assert.Null(BuyerAddress.Parse(raw));

    [Fact]
    public void No_control_character_or_space_gets_through_either_function()
    {
        // Strings built from address characters, line breaks, spaces and separators, seeded so a failure replays.
        var gen = Gen.Elements("a", "b", "@", ".", "-", "+", "\r", "\n", "\r\n", "\t", " ", ",", ";", "<", ">", "\"", "ễ", "\0")
            .ArrayOf().Select(parts => string.Concat(parts));
        var config = Config.QuickThrowOnFailure.WithMaxTest(500)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261206UL, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, Prop.ForAll(gen.ToArbitrary(), raw =>
        {
            Assert.DoesNotContain(BuyerAddress.OneLine(raw), char.IsControl);
            if (BuyerAddress.Parse(raw) is { } address)
                Assert.DoesNotContain(address, c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or ';' or '<' or '>');
        }));
    }

    [Fact]
    public void Line_breaks_become_single_spaces() =>
        Assert.Equal("Cửa hàng A Bcc: x", BuyerAddress.OneLine("Cửa hàng A\r\nBcc:\tx"));
}
