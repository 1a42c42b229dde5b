using ConformanceKit.Provider;
using ConformanceKit.Provider.Import;

namespace ConformanceKit.Provider.Tests.Corrections;

/// <summary>Correction rows in sale files (docs/provider-import.md#corrections): what is read, and where each error is.</summary>
public sealed class CorrectionFileFormatTests
{
    private const string Original = "M1-26-A1B2C-00000000041";

    [Fact]
    public void A_csv_of_corrections_reads_cancel_replace_and_adjust_rows()
    {
        var result = SaleFileParser.Parse("fix-0301.csv", $"""
            sale_id,correction,related_code,reason,name,unit,quantity,unit_price,vat_rate,buyer_name,buyer_tax_code
            C-1,cancel,{Original},Hủy do bán nhầm,,,,,,,
            R-1,replace,{Original},Sai tên người mua,Cà phê sữa đá,Ly,2,29000,10%,Công ty TNHH Minh Anh,0309478306
            A-1,adjust_decrease,{Original},,Cà phê sữa đá,Ly,1,29000,10%,,
            A-2,ADJUST_INCREASE,{Original},Sai đơn giá,Trà đào,Ly,1,1000,10%,,
            """, SaleFileFormat.Csv);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal([CorrectionKind.Cancel, CorrectionKind.Replace, CorrectionKind.AdjustDecrease, CorrectionKind.AdjustIncrease],
            result.Sales.Select(s => s.Correction!.Kind));
        Assert.All(result.Sales, s => Assert.Equal(Original, s.Correction!.Code));
        Assert.Empty(result.Sales[0].Sale.Lines);
        Assert.Null(result.Sales[0].Correction!.Request(result.Sales[0].Sale).Sale);
        Assert.Equal("0309478306", result.Sales[1].Sale.Buyer!.TaxCode);
        Assert.Null(result.Sales[2].Correction!.Reason);
        Assert.Equal((3, "Sai tên người mua"), (result.Sales[1].Row, result.Sales[1].Correction!.Reason));
    }

    [Fact]
    public void A_csv_without_the_correction_column_is_a_file_of_sales_as_before()
    {
        var result = SaleFileParser.Parse("s.csv", "sale_id,name,unit,quantity,unit_price,vat_rate\nS-1,Trà,Ly,1,10000,10%\n", SaleFileFormat.Csv);
        Assert.True(result.Ok);
        Assert.Null(Assert.Single(result.Sales).Correction);
        var missing = SaleFileParser.Parse("s.csv", "sale_id,name\nS-1,Trà\n", SaleFileFormat.Csv);
        Assert.Contains(missing.Errors, e => e is { Row: 1, Column: "vat_rate" }); // the line columns stay required without it
    }

    [Fact]
    public void Every_wrong_correction_value_is_reported_at_its_row_and_column_and_the_file_gives_nothing()
    {
        var result = SaleFileParser.Parse("bad.csv", $"""
            sale_id,correction,related_code,reason,name,unit,quantity,unit_price,vat_rate
            C-1,cancel,{Original},,,,,,
            C-2,undo,{Original},x,,,,,
            C-3,replace,,Sai tên,Trà,Ly,1,10000,10%
            C-4,adjust_increase,HD-41,,Trà,Ly,1,10000,10%
            C-5,cancel,{Original},Nhầm,Trà,Ly,1,10000,10%
            S-1,,{Original},,Trà,Ly,1,10000,10%
            C-6,adjust_increase,{Original},,Trà,Ly,abc,10000,10%
            """, SaleFileFormat.Csv);

        Assert.Empty(result.Sales);
        var at = result.Errors.Select(e => (e.Row, e.Column)).ToHashSet();
        Assert.Contains((2, "reason"), at);       // a cancel needs its reason
        Assert.Contains((3, "correction"), at);   // not a correction
        Assert.Contains((4, "related_code"), at); // which invoice?
        Assert.Contains((5, "related_code"), at); // not an MCCQT
        Assert.Contains((6, "name"), at);         // a cancel carries no line
        Assert.Contains((7, "related_code"), at); // a related invoice with no correction
        Assert.Contains((8, "quantity"), at);     // the new invoice's lines are checked like a sale's
        Assert.Equal(7, result.Errors.Count);
    }

    [Fact]
    public void A_json_file_carries_corrections_in_correction_relatedCode_and_reason()
    {
        var result = SaleFileParser.Parse("fix.json", $$"""
            [
              { "saleId": "C-1", "correction": "cancel", "relatedCode": "{{Original}}", "reason": "Hủy do bán nhầm" },
              { "saleId": "A-1", "correction": "adjust_decrease", "relatedCode": "{{Original}}",
                "lines": [ { "name": "Cà phê sữa đá", "unit": "Ly", "quantity": 1, "unitPrice": 29000, "rate": "10%" } ] }
            ]
            """, SaleFileFormat.Json);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal([CorrectionKind.Cancel, CorrectionKind.AdjustDecrease], result.Sales.Select(s => s.Correction!.Kind));

        var bad = SaleFileParser.Parse("bad.json", $$"""
            [ { "saleId": "C-1", "correction": "cancel", "relatedCode": "{{Original}}", "reason": "Nhầm",
                "lines": [ { "name": "Trà", "unit": "Ly", "quantity": 1, "unitPrice": 1, "rate": "10%" } ] },
              { "saleId": "R-1", "correction": "replace", "relatedCode": "{{Original}}",
                "lines": [ { "name": "Trà", "unit": "Ly", "quantity": 1, "unitPrice": 1, "rate": "10%" } ] } ]
            """, SaleFileFormat.Json);
        var at = bad.Errors.Select(e => (e.Row, e.Column)).ToHashSet();
        Assert.True(at.Contains((1, "$[0].lines")), string.Join("\n", bad.Errors));
        Assert.Contains((2, "$[1].reason"), at);
    }
}
