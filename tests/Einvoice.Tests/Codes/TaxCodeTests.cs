using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class TaxCodeTests
{
    [Theory]
    [InlineData("0106324653")]
    [InlineData("0301521415")]
    [InlineData("0309478306")]
    [InlineData("0401486901")]
    [InlineData("0106322455")] // buyer in the real 202 sample
    public void Real_tax_codes_are_valid(string mst)
    {
        Assert.True(TaxCode.TryParse(mst, out var code, out var error), error);
        Assert.Equal(mst, code.Value);
        Assert.Equal(mst, code.Base);
        Assert.Null(code.Branch);
        Assert.Equal(mst, code.ToString());
    }

    [Fact]
    public void Branch_suffix_is_split_off()
    {
        var code = TaxCode.Parse("0106324653-001");
        Assert.Equal("0106324653", code.Base);
        Assert.Equal("001", code.Branch);
        Assert.Equal("0106324653-001", code.Value);
    }

    [Theory]
    [InlineData(null, "MST is empty")]
    [InlineData("", "MST is empty")]
    [InlineData("010632465", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData("01063246531", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData("010632465A", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData("0106324653-01", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData("0106324653_001", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData(" 0106324653", "MST must be 10 digits, or 10 digits + '-' + 3-digit branch")]
    [InlineData("0106324655", "MST check digit is 5, expected 3")]
    [InlineData("0106324655-001", "MST check digit is 5, expected 3")]
    [InlineData("0106324090", "MST 0106324090 cannot exist: its check-digit formula yields 10")]
    public void Invalid_tax_codes_are_explained(string? mst, string expected)
    {
        Assert.False(TaxCode.TryParse(mst, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_throws_format_exception_with_the_error()
    {
        var ex = Assert.Throws<FormatException>(() => TaxCode.Parse("0106324655"));
        Assert.Equal("MST check digit is 5, expected 3", ex.Message);
    }

    [Fact]
    public void Check_digit_is_null_when_the_formula_yields_ten()
    {
        Assert.Null(TaxCode.CheckDigit("010632409"));
        Assert.Null(TaxCode.CheckDigit("000000000"));
        Assert.Equal(3, TaxCode.CheckDigit("010632465"));
        Assert.Throws<ArgumentException>(() => TaxCode.CheckDigit("01063246"));
    }

    [Fact]
    public void Create_appends_the_check_digit()
    {
        Assert.Equal("0106324653", TaxCode.Create("010632465").Value);
        Assert.Equal("0106324653-002", TaxCode.Create("010632465", "002").Value);
        Assert.Throws<ArgumentException>(() => TaxCode.Create("010632409"));
        Assert.Throws<ArgumentException>(() => TaxCode.Create("010632465", "02"));
    }

    private static readonly FsCheck.Gen<(string Nine, string? Branch)> Creatable =
        from nine in Props.Digits(9).Where(n => TaxCode.CheckDigit(n) is not null)
        from branch in Gen.OneOf(Gen.Constant<string?>(null), Props.Digits(3).Select(b => (string?)b))
        select (nine, branch);

    [Fact]
    public void Create_then_parse_round_trips() =>
        Props.ForAll(Creatable, x =>
        {
            var created = TaxCode.Create(x.Nine, x.Branch);
            return TaxCode.TryParse(created.Value, out var parsed, out _)
                && parsed == created
                && parsed.Base.StartsWith(x.Nine, StringComparison.Ordinal)
                && parsed.Branch == x.Branch;
        });

    [Fact]
    public void Any_other_check_digit_fails() =>
        Props.ForAll(Creatable, x =>
        {
            var value = TaxCode.Create(x.Nine, x.Branch).Value;
            return Enumerable.Range(0, 10)
                .Where(d => d != value[9] - '0')
                .All(d => !TaxCode.TryParse(value[..9] + d + value[10..], out _, out _));
        });
}
