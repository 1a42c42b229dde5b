using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class InvoiceSeriesTests
{
    [Fact]
    public void Cash_register_series_is_read()
    {
        var s = InvoiceSeries.Parse("C25MAA");
        Assert.True(s.HasAuthorityCode);
        Assert.Equal(25, s.YearTwoDigits);
        Assert.Equal('M', s.Kind);
        Assert.True(s.IsCashRegister);
        Assert.Equal("AA", s.SellerPart);
        Assert.Equal("C25MAA", s.ToString());
    }

    [Fact]
    public void Real_sample_series_is_coded_but_not_cash_register()
    {
        var s = InvoiceSeries.Parse("C21TCT");
        Assert.Equal('T', s.Kind);
        Assert.False(s.IsCashRegister);
        Assert.False(InvoiceSeries.Parse("K24DYY").HasAuthorityCode);
    }

    [Theory]
    [InlineData(null, "KHHDon is empty")]
    [InlineData("C25MA", "KHHDon must be 6 characters, got 5")]
    [InlineData("A25MAA", "character 1 must be 'C' (coded) or 'K' (not coded)")]
    [InlineData("c25MAA", "character 1 must be 'C' (coded) or 'K' (not coded)")]
    [InlineData("C2XMAA", "characters 2–3 must be the last two digits of the year")]
    [InlineData("C25ZAA", "character 4 must be one of M, T, D, L, N, B, G, H, X")]
    [InlineData("C25Maa", "characters 5–6 must be upper-case letters or digits ('YY' when none)")]
    [InlineData("C25MA-", "characters 5–6 must be upper-case letters or digits ('YY' when none)")]
    public void Invalid_series_are_explained(string? s, string expected)
    {
        Assert.False(InvoiceSeries.TryParse(s, out _, out var error));
        Assert.Equal(expected, error);
        if (s is not null) Assert.Throws<FormatException>(() => InvoiceSeries.Parse(s));
    }

    [Theory]
    [InlineData("1C25MAA", 1, "C25MAA")]
    [InlineData("2K25MYY", 2, "K25MYY")]
    [InlineData("9C26T01", 9, "C26T01")]
    public void Form_and_series_notation_is_split(string s, int form, string series)
    {
        Assert.True(InvoiceSeries.TryParseWithForm(s, out var f, out var parsed));
        Assert.Equal(form, f);
        Assert.Equal(series, parsed.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0C25MAA")]
    [InlineData("C25MAA")]
    [InlineData("12C25MAA")]
    [InlineData("1C25ZAA")]
    public void Bad_form_and_series_notation_is_refused(string? s) =>
        Assert.False(InvoiceSeries.TryParseWithForm(s, out _, out _));

    [Fact]
    public void Parts_round_trip() =>
        Props.ForAll(
            from coded in Gen.Elements('C', 'K')
            from year in Gen.Choose(0, 99)
            from kind in Gen.Elements("MTDLNBGHX".ToCharArray())
            from seller in Props.UpperAlnum(2)
            from form in Gen.Choose(1, 9)
            select (coded, year, kind, seller, form),
            x =>
            {
                var text = $"{x.coded}{x.year:D2}{x.kind}{x.seller}";
                var s = InvoiceSeries.Parse(text);
                return s.Value == text && s.HasAuthorityCode == (x.coded == 'C') && s.YearTwoDigits == x.year
                    && s.Kind == x.kind && s.IsCashRegister == (x.kind == 'M') && s.SellerPart == x.seller
                    && InvoiceSeries.TryParseWithForm($"{x.form}{text}", out var form, out var s2)
                    && form == x.form && s2 == s;
            });
}
