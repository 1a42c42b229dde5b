namespace ConformanceKit.Provider.Pos;

/// <summary>Which part of a sale a <see cref="SaleViolation"/> is about.</summary>
public enum SaleSection { Sale, Line, Discount, Promotion, Buyer }

/// <summary>
/// Why a sale cannot be invoiced, pinned to the field: <see cref="Path"/> is the sale's JSON path
/// (<c>lines[2].name</c>, <c>buyer.taxCode</c>, <c>saleId</c>) so every intake can point at it.
/// </summary>
/// <param name="Index">The line or promotion index (0-based), -1 otherwise.</param>
/// <param name="Field">The JSON property (name, unit, quantity, unitPrice, rate, discount, itemCode, amount, taxCode …), "" when the item itself.</param>
/// <param name="Rule">required, xml-chars, max-length, pattern, range, decimals, count, total, positive, rule.</param>
public sealed record SaleViolation(SaleSection Section, int Index, string Field, string Rule, string Message)
{
    public string Path
    {
        get
        {
            var item = Section switch
            {
                SaleSection.Line => $"lines[{Index}]",
                SaleSection.Promotion => $"promotions[{Index}]",
                SaleSection.Discount => "discount",
                SaleSection.Buyer => "buyer",
                _ => "",
            };
            return item.Length == 0 ? Field : Field.Length == 0 ? item : $"{item}.{Field}";
        }
    }

    public override string ToString() => $"{Path}: {Message}";
}
