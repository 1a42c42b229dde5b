using ConformanceKit.TaxAuthoritySim.Store;
using static ConformanceKit.TaxAuthoritySim.Tests.Store.StoreTestData;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

// Corrections: the accepted 303 entries, stored with a completion, and the look-ups of an invoice's chain.
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Accepted_303_entries_are_stored_with_the_completion_and_found_by_invoice_code()
    {
        var package = await RecordAsync();
        var original = Invoice(Code(1), package, 1);
        var replacement = Invoice(Code(2), package, 2) with
        {
            RelationKind = 1, RelatedForm = "1", RelatedSeries = original.Series, RelatedNumber = original.Number,
        };
        var adjustment = Invoice(Code(3), package, 3) with
        {
            RelationKind = 2, RelatedForm = "1", RelatedSeries = original.Series, RelatedNumber = original.Number,
        };
        Assert.True((await Store.CompleteAsync(Completion(package, [original, replacement, adjustment], T0), T0)).Stored);

        var notice = await RecordAsync(Message() with { Type = "303" });
        InvoiceNoticeEntry[] entries =
        [
            new() { Code = Code(1), TaxCode = Mst, MessageId = notice.MessageId, Index = 1, Action = 3, Reason = "Thay thế", AcceptedAt = T0.AddMinutes(1) },
            new() { Code = Code(2), TaxCode = Mst, MessageId = notice.MessageId, Index = 2, Action = 1, Reason = null, AcceptedAt = T0.AddMinutes(1) },
        ];
        Assert.True((await Store.CompleteAsync(Completion(notice, [], T0.AddMinutes(1), outcome: "301") with { Notices = entries },
            T0.AddMinutes(1))).Stored);

        var found = await Store.InvoiceNoticesAsync([Code(1), Code(2), Code(9)]);
        Assert.Equal(entries, found);
        Assert.Empty(await Store.InvoiceNoticesAsync([]));

        var numbered = await Store.InvoicesNumberedAsync(Mst, 1, original.Series, original.Number!);
        Assert.Equal([Code(1)], numbered.Select(i => i.Code));
        Assert.Empty(await Store.InvoicesNumberedAsync(Mst, 2, original.Series, original.Number!));
        Assert.Empty(await Store.InvoicesNumberedAsync("0100686209", 1, original.Series, original.Number!));

        var related = await Store.InvoicesRelatedToAsync(Mst, 1, original.Series, original.Number!);
        Assert.Equal([Code(2), Code(3)], related.Select(i => i.Code));
        Assert.Empty(await Store.InvoicesRelatedToAsync(Mst, 1, original.Series, replacement.Number!));

        await Store.ResetAsync();
        Assert.Empty(await Store.InvoiceNoticesAsync([Code(1), Code(2)]));
    }
}
