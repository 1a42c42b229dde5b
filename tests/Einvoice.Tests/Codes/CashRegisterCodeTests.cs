using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class CashRegisterCodeTests
{
    [Fact]
    public void Spec_example_is_read()
    {
        var c = CashRegisterCode.Parse("M2-25-A1B2C-00001234567");
        Assert.Equal(2, c.InvoiceType);
        Assert.Equal(25, c.YearTwoDigits);
        Assert.Equal("A1B2C", c.Block);
        Assert.Equal(1234567L, c.Serial);
        Assert.Equal(CashRegisterCode.Length, c.Value.Length);
        Assert.Equal(c, CashRegisterCode.Create(2, 25, "A1B2C", 1234567));
    }

    [Theory]
    [InlineData(null, "cash-register code is empty")]
    [InlineData("M2-25-A1B2C-0000123456", "cash-register code must be 23 characters (M{type}-{yy}-{block}-{serial}), got 22")]
    [InlineData("00474597512BE94B7BAB367996EF464828", "cash-register code must be 23 characters (M{type}-{yy}-{block}-{serial}), got 34")]
    [InlineData("K2-25-A1B2C-00001234567", "character 1 must be 'M'")]
    [InlineData("M7-25-A1B2C-00001234567", "invoice type (C2) must be a digit 1–6")]
    [InlineData("M0-25-A1B2C-00001234567", "invoice type (C2) must be a digit 1–6")]
    [InlineData("M2_25-A1B2C-00001234567", "characters 3, 6 and 12 must be '-'")]
    [InlineData("M2-25-A1B2C_00001234567", "characters 3, 6 and 12 must be '-'")]
    [InlineData("M2-2A-A1B2C-00001234567", "year part (C3C4) must be 2 digits")]
    [InlineData("M2-25-a1b2c-00001234567", "block part (C5–C9) must be 5 upper-case letters A–Z or digits 0–9")]
    [InlineData("M2-25-A1B2Đ-00001234567", "block part (C5–C9) must be 5 upper-case letters A–Z or digits 0–9")]
    [InlineData("M2-25-A1B2C-0000123456X", "serial part (C10–C20) must be 11 digits")]
    public void Invalid_codes_name_the_wrong_part(string? s, string expected)
    {
        Assert.False(CashRegisterCode.TryParse(s, out _, out var error));
        Assert.Equal(expected, error);
        if (s is not null) Assert.Equal(expected, Assert.Throws<FormatException>(() => CashRegisterCode.Parse(s)).Message);
    }

    [Fact]
    public void Create_validates_its_parts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRegisterCode.Create(0, 25, "A1B2C", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRegisterCode.Create(7, 25, "A1B2C", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRegisterCode.Create(1, 100, "A1B2C", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRegisterCode.Create(1, 25, "A1B2C", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CashRegisterCode.Create(1, 25, "A1B2C", 100_000_000_000));
        Assert.Throws<ArgumentException>(() => CashRegisterCode.Create(1, 25, "A1B2", 1));
        Assert.Equal("M1-05-ZZZZZ-99999999999", CashRegisterCode.Create(1, 5, "ZZZZZ", 99_999_999_999).Value);
    }

    [Theory]
    [InlineData("A1B2C", true)]
    [InlineData("00000", true)]
    [InlineData("A1B2", false)]
    [InlineData("A1B2CD", false)]
    [InlineData("a1b2c", false)]
    [InlineData(null, false)]
    public void Code_block_is_five_upper_alphanumerics(string? block, bool valid) =>
        Assert.Equal(valid, CodeBlock.IsValid(block));

    [Fact]
    public void Create_then_parse_round_trips() =>
        Props.ForAll(
            from type in Gen.Choose(1, 6)
            from year in Gen.Choose(0, 99)
            from block in Props.UpperAlnum(5)
            from serial in Props.Digits(11).Select(long.Parse)
            select (type, year, block, serial),
            x =>
            {
                var created = CashRegisterCode.Create(x.type, x.year, x.block, x.serial);
                return created.Value.Length == CashRegisterCode.Length
                    && CashRegisterCode.TryParse(created.Value, out var p, out _) && p == created
                    && p.InvoiceType == x.type && p.YearTwoDigits == x.year && p.Block == x.block && p.Serial == x.serial;
            });
}
