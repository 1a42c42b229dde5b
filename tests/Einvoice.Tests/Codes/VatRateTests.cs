using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class VatRateTests
{
    [Theory]
    [InlineData("0%", "0")]
    [InlineData("5%", "5")]
    [InlineData("8%", "8")]
    [InlineData("10%", "10")]
    [InlineData("KHAC:3.50", "3.50")]
    [InlineData("KHAC:12.25", "12.25")]
    [InlineData("KHAC:00.00", "0")]
    public void Taxable_rates_have_a_percent(string s, string percent)
    {
        var rate = VatRate.Parse(s);
        Assert.Equal(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), rate.Percent);
        Assert.True(rate.IsTaxable);
        Assert.Equal(s, rate.Value);
    }

    [Theory]
    [InlineData("KCT")]
    [InlineData("KKKNT")]
    public void Untaxed_rates_have_no_percent(string s)
    {
        var rate = VatRate.Parse(s);
        Assert.Null(rate.Percent);
        Assert.False(rate.IsTaxable);
    }

    [Fact]
    public void Static_instances_match_their_text()
    {
        Assert.Equal(VatRate.Zero, VatRate.Parse("0%"));
        Assert.Equal(VatRate.Five, VatRate.Parse("5%"));
        Assert.Equal(VatRate.Eight, VatRate.Parse("8%"));
        Assert.Equal(VatRate.Ten, VatRate.Parse("10%"));
        Assert.Equal(VatRate.NotSubject, VatRate.Parse("KCT"));
        Assert.Equal(VatRate.NotDeclared, VatRate.Parse("KKKNT"));
        Assert.Equal("10%", VatRate.Ten.ToString());
    }

    [Theory]
    [InlineData("10")]
    [InlineData("10 %")]
    [InlineData("7%")]
    [InlineData("kct")]
    [InlineData("KHAC")]
    [InlineData("KHAC:3.5")]
    [InlineData("KHAC:3")]
    [InlineData("KHAC:123.00")]
    [InlineData("KHAC:.50")]
    [InlineData("KHAC:3,50")]
    public void Invalid_rates_are_refused(string s)
    {
        Assert.False(VatRate.TryParse(s, out _, out var error));
        Assert.Equal($"TSuat '{s}' must be 0%, 5%, 8%, 10%, KCT, KKKNT or KHAC:AB.CD", error);
        Assert.Throws<FormatException>(() => VatRate.Parse(s));
    }

    [Fact]
    public void Empty_rate_is_refused()
    {
        Assert.False(VatRate.TryParse(null, out _, out var error));
        Assert.Equal("TSuat is empty", error);
    }

    [Fact]
    public void Text_round_trips() =>
        Props.ForAll(
            Gen.OneOf(
                Gen.Elements("0%", "5%", "8%", "10%", "KCT", "KKKNT"),
                from whole in Gen.OneOf(Props.Digits(1), Props.Digits(2))
                from frac in Props.Digits(2)
                select $"KHAC:{whole}.{frac}"),
            s =>
            {
                var rate = VatRate.Parse(s);
                var expected = s.StartsWith("KHAC:", StringComparison.Ordinal)
                    ? decimal.Parse(s[5..], System.Globalization.CultureInfo.InvariantCulture)
                    : (decimal?)null;
                return rate.Value == s && VatRate.Parse(rate.Value) == rate
                    && (expected is null || rate.Percent == expected);
            });
}
