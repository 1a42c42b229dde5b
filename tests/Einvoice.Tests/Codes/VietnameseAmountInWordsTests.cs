using System.Text;
using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class VietnameseAmountInWordsTests
{
    private const string RealSample = "Một triệu hai trăm tám mươi bốn nghìn đồng.";

    [Theory]
    [InlineData(0L, "Không đồng")]
    [InlineData(1L, "Một đồng")]
    [InlineData(5L, "Năm đồng")]
    [InlineData(10L, "Mười đồng")]
    [InlineData(11L, "Mười một đồng")]
    [InlineData(14L, "Mười bốn đồng")]
    [InlineData(15L, "Mười lăm đồng")]
    [InlineData(20L, "Hai mươi đồng")]
    [InlineData(21L, "Hai mươi mốt đồng")]
    [InlineData(24L, "Hai mươi bốn đồng")]
    [InlineData(25L, "Hai mươi lăm đồng")]
    [InlineData(101L, "Một trăm linh một đồng")]
    [InlineData(105L, "Một trăm linh năm đồng")]
    [InlineData(110L, "Một trăm mười đồng")]
    [InlineData(115L, "Một trăm mười lăm đồng")]
    [InlineData(121L, "Một trăm hai mươi mốt đồng")]
    [InlineData(1000L, "Một nghìn đồng")]
    [InlineData(1005L, "Một nghìn không trăm linh năm đồng")]
    [InlineData(1050L, "Một nghìn không trăm năm mươi đồng")]
    [InlineData(10_500L, "Mười nghìn năm trăm đồng")]
    [InlineData(21_000L, "Hai mươi mốt nghìn đồng")]
    [InlineData(1_000_000L, "Một triệu đồng")]
    [InlineData(1_000_001L, "Một triệu không trăm linh một đồng")]
    [InlineData(1_050_000L, "Một triệu không trăm năm mươi nghìn đồng")]
    [InlineData(1_284_000L, "Một triệu hai trăm tám mươi bốn nghìn đồng")]
    [InlineData(1_000_000_000L, "Một tỷ đồng")]
    [InlineData(1_000_000_005L, "Một tỷ không trăm linh năm đồng")]
    [InlineData(1_000_000_000_000L, "Một nghìn tỷ đồng")]
    [InlineData(2_500_000_000_000L, "Hai nghìn năm trăm tỷ đồng")]
    [InlineData(1_000_000_000_000_000L, "Một triệu tỷ đồng")]
    [InlineData(1_000_000_000_000_000_000L, "Một tỷ tỷ đồng")]
    public void Amounts_are_written_and_read_back(long amount, string words)
    {
        Assert.Equal(words, VietnameseAmountInWords.ToWords(amount));
        Assert.True(VietnameseAmountInWords.TryParse(words, out var read));
        Assert.Equal(amount, read);
    }

    [Fact]
    public void Currency_is_optional() =>
        Assert.Equal("Một triệu hai trăm tám mươi bốn nghìn", VietnameseAmountInWords.ToWords(1_284_000, withCurrency: false));

    [Fact]
    public void Out_of_range_amounts_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseAmountInWords.ToWords(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseAmountInWords.ToWords(1_000_000_000_000_000_001));
    }

    [Fact]
    public void Real_sample_text_matches_its_figure()
    {
        Assert.True(VietnameseAmountInWords.Matches(RealSample, 1_284_000));
        Assert.False(VietnameseAmountInWords.Matches(RealSample, 1_284_001));
        Assert.True(VietnameseAmountInWords.Matches(RealSample.Normalize(NormalizationForm.FormD), 1_284_000));
    }

    [Theory]
    [InlineData("MỘT TRIỆU HAI TRĂM TÁM MƯƠI BỐN NGHÌN ĐỒNG", 1_284_000L)]
    [InlineData("một triệu hai trăm tám mươi tư ngàn đồng chẵn", 1_284_000L)]
    [InlineData("  Một   triệu  hai trăm tám mươi bốn nghìn VNĐ. ", 1_284_000L)]
    [InlineData("Một triệu hai trăm tám mươi bốn nghìn", 1_284_000L)]
    [InlineData("Một trăm lẻ năm đồng", 105L)]
    [InlineData("Một trăm linh tư", 104L)]
    [InlineData("Mười nhăm nghìn đồng", 15_000L)]
    [InlineData("Hai mươi một", 21L)]
    [InlineData("Hai mười mốt", 21L)]
    [InlineData("Hai mươi năm", 25L)]
    [InlineData("Mươi", 10L)]
    [InlineData("Một tỉ đồng", 1_000_000_000L)]
    [InlineData("Hai nghìn tỷ năm trăm tỷ đồng", 2_500_000_000_000L)]
    [InlineData("Một nghìn linh năm đồng", 1005L)]
    [InlineData("Một triệu hai nghìn đồng", 1_002_000L)]
    [InlineData("Một trăm nghìn đồng", 100_000L)]
    [InlineData("không đồng", 0L)]
    public void Common_variants_are_read(string words, long amount)
    {
        Assert.True(VietnameseAmountInWords.TryParse(words, out var read), words);
        Assert.Equal(amount, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("đồng")]
    [InlineData("một trăm đô la")]
    [InlineData("1.284.000 đồng")]
    [InlineData("một trăm năm")] // colloquially 150
    [InlineData("một triệu hai")] // colloquially 1 200 000
    [InlineData("một tỷ hai tỷ")]
    [InlineData("hai tỷ tỷ")]
    [InlineData("mười mười")]
    [InlineData("không không")]
    [InlineData("không trăm")]
    [InlineData("nghìn")]
    [InlineData("một mươi")]
    public void Non_amounts_are_refused(string? words) =>
        Assert.False(VietnameseAmountInWords.TryParse(words, out _));

    private static readonly FsCheck.Gen<long> Amounts = Gen.Frequency(
        (1, Gen.Constant(0L)),
        (1, Gen.Constant(VietnameseAmountInWords.MaxAmount)),
        (3, Gen.Choose(0, 2000).Select(i => (long)i)),
        (5, from len in Gen.Choose(1, 18)
            from digits in Props.Digits(len)
            select long.Parse(digits)),
        // Sparse: many all-zero and below-100 groups, the cases "không trăm"/"linh" are for.
        (5, Gen.ArrayOf(Gen.Frequency(
                (3, Gen.Constant(0)), (1, Gen.Choose(1, 9)), (1, Gen.Choose(10, 99)), (2, Gen.Choose(100, 999))), 6)
            .Select(groups => groups.Aggregate(0L, (acc, g) => acc * 1000 + g))));

    [Fact]
    public void Words_round_trip_with_currency() =>
        Props.ForAll(Amounts, n => VietnameseAmountInWords.TryParse(VietnameseAmountInWords.ToWords(n), out var r) && r == n);

    [Fact]
    public void Words_round_trip_without_currency() =>
        Props.ForAll(Amounts, n => VietnameseAmountInWords.Matches(VietnameseAmountInWords.ToWords(n, withCurrency: false), n));

    [Fact]
    public void Variant_spellings_round_trip() =>
        Props.ForAll(Amounts, n =>
        {
            var variant = VietnameseAmountInWords.ToWords(n)
                .Replace("linh", "lẻ").Replace("nghìn", "ngàn").Replace("tỷ", "tỉ").Replace("lăm", "nhăm")
                .Replace("mốt", "một").Replace("mươi", "mười").Replace("bốn", "tư")
                .Replace(" ", "  ").ToUpperInvariant().Normalize(NormalizationForm.FormD) + " chẵn.";
            return VietnameseAmountInWords.Matches(variant, n);
        });
}
