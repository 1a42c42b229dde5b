using System.Text;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.Einvoice.Serialization;
using ConformanceKit.Harness.Catalogue;
using ConformanceKit.Harness.Runner;

namespace ConformanceKit.Harness.Tests.Runner;

/// <summary>The mutation vocabulary of the catalogue, on a real sample package.</summary>
public class MutationTests
{
    private static readonly byte[] Package = MessageWriter.Write(SamplePackageBuilder.Build(new SamplePackageOptions { Invoices = 3, SalesInvoiceEvery = 0 }));

    private static string Apply(params Mutation[] mutations) => Encoding.UTF8.GetString(Mutations.Apply(Package, mutations, s => s.Replace("{x}", "42", StringComparison.Ordinal)));

    [Fact]
    public void Set_changes_the_text_at_an_xpath_and_expands_placeholders()
    {
        var xml = Apply(new Mutation { Op = "set", Path = "/TDiep/TTChung/SLuong", Value = "{x}" });
        Assert.Contains("<SLuong>42</SLuong></TTChung>", xml);
    }

    [Fact]
    public void Remove_copy_rename_insert_and_replace()
    {
        Assert.DoesNotContain("<PBan>2.1.0</PBan><MNGui>", Apply(new Mutation { Op = "remove", Path = "/TDiep/TTChung/PBan" }));
        var copied = Apply(new Mutation { Op = "copy", From = "/TDiep/DLieu/HDon[1]/MCCQT", Path = "/TDiep/DLieu/HDon[3]/MCCQT" });
        Assert.Equal(2, copied.Split("M1-25-A1B2C-00000000001").Length - 1);
        Assert.Contains("<Loai>206</Loai>", Apply(new Mutation { Op = "rename", Path = "/TDiep/TTChung/MLTDiep", Value = "Loai" }));
        Assert.Contains("<MLTDiep>206</MLTDiep><Extra>1</Extra>", Apply(new Mutation { Op = "insert", Path = "/TDiep/TTChung/MLTDiep", Value = "<Extra>1</Extra>" }));
        Assert.Contains("<MNNhan>TCX</MNNhan>", Apply(new Mutation { Op = "replace", From = "<MNNhan>TCT", To = "<MNNhan>TCX" }));
    }

    [Fact]
    public void A_path_or_text_that_is_not_there_is_an_error_naming_it()
    {
        var e = Assert.Throws<MutationException>(() => Apply(new Mutation { Op = "set", Path = "/TDiep/Nope", Value = "1" }));
        Assert.Contains("/TDiep/Nope", e.Message);
        e = Assert.Throws<MutationException>(() => Apply(new Mutation { Op = "replace", From = "<Nope>", To = "" }));
        Assert.Contains("<Nope>", e.Message);
    }
}
