using System.Collections.Concurrent;
using ConformanceKit.TaxAuthoritySim.Store;
using static ConformanceKit.TaxAuthoritySim.Tests.Store.StoreTestData;

namespace ConformanceKit.TaxAuthoritySim.Tests.Store;

/// <summary>
/// The behaviour every <see cref="ISimulatorStore"/> must have, written once and run against each store
/// (<see cref="SqliteStoreTests"/>, <see cref="PostgresStoreTests"/>). Each test gets a fresh database.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected ISimulatorStore Store { get; private set; } = null!;

    /// <summary>Creates a fresh backing database and a store on it (not initialised).</summary>
    protected abstract Task<ISimulatorStore> CreateStoreAsync();

    /// <summary>A new store instance on the same backing database (not initialised).</summary>
    protected abstract ISimulatorStore OpenAgain();

    /// <summary>Runs a scalar query on the backing database, bypassing the store.</summary>
    protected abstract Task<long> ScalarAsync(string sql);

    /// <summary>Deletes the backing database.</summary>
    protected abstract Task DeleteBackingAsync();

    protected abstract string ExpectedKind { get; }

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        await Store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
            await Store.DisposeAsync();
        await DeleteBackingAsync();
    }

    private async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = OpenAgain();
        await Store.InitializeAsync();
    }

    private async Task<InboundMessage> RecordAsync(InboundMessage? message = null, params JournalEntry[] journal)
    {
        var m = message ?? Message();
        var result = await Store.RecordAsync(m, Ack(m), journal);
        Assert.True(result.Inserted);
        Assert.True(result.Seq > 0);
        return m with { Seq = result.Seq };
    }

    private static StoredInvoice[] Invoices(InboundMessage m, long firstCode, int count) =>
        Enumerable.Range(0, count).Select(k => Invoice(Code(firstCode + k), m, k + 1)).ToArray();

    private async Task<List<OutboundResponse>> DrainInboxAsync(string tvan, long after = 0, int page = 3)
    {
        var all = new List<OutboundResponse>();
        while (true)
        {
            var batch = await Store.InboxAsync(tvan, after, page);
            if (batch.Count == 0)
                return all;
            Assert.True(batch.Count <= page);
            foreach (var r in batch)
            {
                Assert.NotNull(r.FeedSeq);
                Assert.True(r.FeedSeq > after, $"feed {r.FeedSeq} after cursor {after}");
                after = r.FeedSeq!.Value;
                all.Add(r);
            }
        }
    }

    private async Task AssertFeedIsGapFreeAsync()
    {
        var count = await ScalarAsync("SELECT count(feed_seq) FROM responses");
        var distinct = await ScalarAsync("SELECT count(DISTINCT feed_seq) FROM responses");
        var min = await ScalarAsync("SELECT coalesce(min(feed_seq), 0) FROM responses");
        var max = await ScalarAsync("SELECT coalesce(max(feed_seq), 0) FROM responses");
        Assert.Equal(count, distinct);
        if (count > 0)
            Assert.Equal(count, max - min + 1);
    }

    // ------------------------------------------------------------------ schema

    [Fact]
    public async Task Initialize_again_and_reopen_run_each_migration_once()
    {
        await Store.InitializeAsync();
        await Store.InitializeAsync();
        await ReopenAsync();
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM schema_migrations WHERE version = '001_initial'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM schema_migrations WHERE version = '002_related_invoice'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM schema_migrations WHERE version = '003_invoice_notices'"));
        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await Store.CountsAsync());
    }

    [Fact]
    public void Kind_is_named()
    {
        Assert.Equal(ExpectedKind, Store.Kind);
        Assert.False(string.IsNullOrWhiteSpace(Store.Description));
    }

    // ------------------------------------------------------------------ settings

    [Fact]
    public async Task Settings_round_trip_and_overwrite()
    {
        Assert.Null(await Store.GetSettingAsync("clock"));
        await Store.SetSettingAsync("clock", "{\"now\":\"2025-06-15T09:00:00+07:00\"}");
        await Store.SetSettingAsync("keep.authority", "cert-1");
        Assert.Equal("{\"now\":\"2025-06-15T09:00:00+07:00\"}", await Store.GetSettingAsync("clock"));
        await Store.SetSettingAsync("keep.authority", "cert-2");
        Assert.Equal("cert-2", await Store.GetSettingAsync("keep.authority"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM settings"));
    }

    // ------------------------------------------------------------------ record

    [Fact]
    public async Task Record_stores_the_message_its_ack_and_its_journal_lines()
    {
        var m = Message();
        var ack = Ack(m);
        JournalEntry[] journal =
        [
            Journal("in", "206", m.MessageId, http: null, outcome: "received"),
            Journal("out", "999", ack.ResponseId, replyTo: m.MessageId, outcome: "TTTNhan 0", latency: 0.5),
        ];

        var result = await Store.RecordAsync(m, ack, journal);

        Assert.True(result.Inserted);
        Assert.Null(result.Existing);
        Assert.True(result.Seq > 0);

        var stored = await Store.GetMessageAsync(m.MessageId);
        Assert.NotNull(stored);
        Assert.Equal(result.Seq, stored.Seq);
        Assert.Equal(m.MessageId, stored.MessageId);
        Assert.Equal(m.Type, stored.Type);
        Assert.Equal(m.Sender, stored.Sender);
        Assert.Equal(m.TvanCode, stored.TvanCode);
        Assert.Equal(m.TaxCode, stored.TaxCode);
        Assert.Equal(m.Count, stored.Count);
        Assert.Equal(m.ReceivedAt, stored.ReceivedAt);
        Assert.Equal(m.ReceivedWallAt, stored.ReceivedWallAt);
        Assert.Equal(m.DueAt, stored.DueAt);
        Assert.Equal(m.Sha256, stored.Sha256);
        Assert.Equal(m.Body, stored.Body);
        Assert.Equal(m.Ack, stored.Ack);
        Assert.Equal(MessageState.Received, stored.State);
        Assert.Null(stored.ProcessedAt);
        Assert.Null(stored.Outcome);
        Assert.Null(await Store.GetMessageAsync("V0309478306NOPE"));

        var responses = await Store.ResponsesToAsync(m.MessageId);
        var r = Assert.Single(responses);
        Assert.True(r.Seq > 0);
        Assert.NotNull(r.FeedSeq);
        Assert.Equal(ack.ResponseId, r.ResponseId);
        Assert.Equal(m.MessageId, r.ReplyTo);
        Assert.Equal("999", r.Type);
        Assert.Equal(Tvan, r.TvanCode);
        Assert.Equal(Mst, r.TaxCode);
        Assert.Equal(ack.CreatedAt, r.CreatedAt);
        Assert.Equal(ack.VisibleAt, r.VisibleAt);
        Assert.Equal(ack.Body, r.Body);
        Assert.Equal("TTTNhan 0", r.Summary);
        Assert.Equal(CallbackState.None, r.Callback);
        Assert.False(r.EmailPending);
        Assert.Equal(r.ResponseId, Assert.Single(await Store.InboxAsync(Tvan, 0, 10)).ResponseId);

        var lines = await Store.JournalAsync(new JournalQuery());
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].Seq > 0 && lines[1].Seq > lines[0].Seq);
        Assert.Equal(("in", "206", m.MessageId, (int?)null, "received"),
            (lines[0].Direction, lines[0].Type, lines[0].MessageId, lines[0].HttpStatus, lines[0].Outcome));
        Assert.Equal(journal[1].At, lines[1].At);
        Assert.Equal(journal[1].WallAt, lines[1].WallAt);
        Assert.Equal(m.MessageId, lines[1].ReplyTo);
        Assert.Equal(Mst, lines[1].TaxCode);
        Assert.Equal(Tvan, lines[1].TvanCode);
        Assert.Equal(200, lines[1].HttpStatus);
        Assert.Equal(0.5, lines[1].LatencySeconds);
        Assert.Equal(500.25, lines[1].LatencyMs);
        Assert.Null(lines[0].LatencySeconds);

        Assert.Equal(m.MessageId, Assert.Single(await Store.PendingAsync()).MessageId);
        Assert.Equal(new StoreCounts(1, 1, 0, 1, 0), await Store.CountsAsync());
    }

    [Fact]
    public async Task Record_with_an_id_already_stored_writes_nothing_and_returns_the_first_message()
    {
        var first = Message();
        var r1 = await Store.RecordAsync(first, Ack(first), [Journal("in", "206", first.MessageId)]);

        var resend = Message(id: first.MessageId); // same id, other bytes
        var r2 = await Store.RecordAsync(resend, Ack(resend), [Journal("in", "206", first.MessageId), Journal("out", "999", "x")]);

        Assert.False(r2.Inserted);
        Assert.Equal(r1.Seq, r2.Seq);
        Assert.NotNull(r2.Existing);
        Assert.Equal(r1.Seq, r2.Existing.Seq);
        Assert.Equal(first.Sha256, r2.Existing.Sha256);
        Assert.Equal(first.Body, r2.Existing.Body);
        Assert.Equal(first.Ack, r2.Existing.Ack);
        Assert.Single(await Store.ResponsesToAsync(first.MessageId));
        Assert.Single(await Store.JournalAsync(new JournalQuery()));
        Assert.Equal(new StoreCounts(1, 1, 0, 1, 0), await Store.CountsAsync());
        await AssertFeedIsGapFreeAsync();

        // The next new message still gets the next feed position.
        var next = await RecordAsync();
        var feeds = (await Store.InboxAsync(Tvan, 0, 10)).Select(r => r.FeedSeq!.Value).ToArray();
        Assert.Equal(2, feeds.Length);
        Assert.Equal(feeds[0] + 1, feeds[1]);
        Assert.Equal(next.MessageId, (await Store.InboxAsync(Tvan, feeds[0], 10)).Single().ReplyTo);
    }

    [Fact]
    public async Task Recent_messages_are_newest_first_without_bodies()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await RecordAsync(Message(at: T0.AddSeconds(i)))).MessageId);

        var recent = await Store.RecentMessagesAsync(3);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), recent.Select(m => m.MessageId));
        Assert.All(recent, m => Assert.Empty(m.Body));
        Assert.All(recent, m => Assert.Empty(m.Ack));
        Assert.All(recent, m => Assert.Equal(64, m.Sha256.Length));
        Assert.Equal(T0.AddSeconds(4), recent[0].ReceivedAt);
        Assert.Empty(await Store.RecentMessagesAsync(0));
        Assert.Equal(5, (await Store.RecentMessagesAsync(100)).Count);
    }

    [Fact]
    public async Task Recent_messages_of_one_TVAN_are_only_its_own()
    {
        var mine = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var m = await RecordAsync(Message(tvan: i % 2 == 0 ? Tvan : "V0100109106", at: T0.AddSeconds(i)));
            if (i % 2 == 0) mine.Add(m.MessageId);
        }

        var recent = await Store.RecentMessagesAsync(2, Tvan);

        Assert.Equal(mine.AsEnumerable().Reverse().Take(2), recent.Select(m => m.MessageId));
        Assert.Equal(3, (await Store.RecentMessagesAsync(100, "V0100109106")).Count);
        Assert.Empty(await Store.RecentMessagesAsync(100, "V0000000000"));
        Assert.Equal(6, (await Store.RecentMessagesAsync(100, null)).Count);
    }

    // ------------------------------------------------------------------ complete

    [Fact]
    public async Task Complete_stores_invoices_and_responses_and_marks_the_message_processed()
    {
        var m = await RecordAsync();
        var invoices = Invoices(m, 1, 3);
        invoices[2] = invoices[2] with
        {
            Form = null, Series = null, Number = null, IssuedOn = null, SellerName = null, TotalBeforeTax = null, TotalTax = null,
            Total = null, Currency = null,
        };
        var now = T0.AddSeconds(2);
        var notice = Response(m, "204", now, callback: CallbackState.Pending, email: true);

        var result = await Store.CompleteAsync(
            Completion(m, invoices, now, [notice], [Journal("out", "204", notice.ResponseId, replyTo: m.MessageId, latency: 2)]), now);

        Assert.True(result.Stored);
        Assert.Empty(result.Conflicts);

        var stored = await Store.GetMessageAsync(m.MessageId);
        Assert.Equal(MessageState.Processed, stored!.State);
        Assert.Equal(now, stored.ProcessedAt);
        Assert.Equal("204 LTBao 2", stored.Outcome);
        Assert.Empty(await Store.PendingAsync());

        var byPosition = await Store.InvoicesOfAsync(m.MessageId);
        Assert.Equal(invoices.Select(i => i.Code), byPosition.Select(i => i.Code));
        for (var k = 0; k < invoices.Length; k++)
        {
            var (want, got) = (invoices[k], byPosition[k]);
            Assert.Equal(want.TaxCode, got.TaxCode);
            Assert.Equal(want.MessageId, got.MessageId);
            Assert.Equal(want.Index, got.Index);
            Assert.Equal(want.Form, got.Form);
            Assert.Equal(want.Series, got.Series);
            Assert.Equal(want.Number, got.Number);
            Assert.Equal(want.IssuedOn, got.IssuedOn);
            Assert.Equal(want.SellerName, got.SellerName);
            Assert.Equal(want.BuyerName, got.BuyerName);
            Assert.Equal(want.BuyerTaxCode, got.BuyerTaxCode);
            Assert.Equal(want.TotalBeforeTax, got.TotalBeforeTax);
            Assert.Equal(want.TotalTax, got.TotalTax);
            Assert.Equal(want.Total, got.Total);
            Assert.Equal(want.Currency, got.Currency);
            Assert.Equal(want.StoredAt, got.StoredAt);
        }

        var one = await Store.GetInvoiceAsync(Mst, Code(2));
        Assert.NotNull(one);
        Assert.Equal(2, one.Index);
        Assert.Equal(100002.50m, one.TotalBeforeTax);
        Assert.Null(await Store.GetInvoiceAsync(OtherMst, Code(2)));
        Assert.Null(await Store.GetInvoiceAsync(Mst, Code(99)));

        var responses = await Store.ResponsesToAsync(m.MessageId);
        Assert.Equal(["999", "204"], responses.Select(r => r.Type));
        Assert.NotNull(responses[1].FeedSeq);
        Assert.Equal(CallbackState.Pending, responses[1].Callback);
        Assert.True(responses[1].EmailPending);
        Assert.Equal(notice.Body, responses[1].Body);

        var journal = await Store.JournalAsync(new JournalQuery { Type = "204" });
        Assert.Equal(2.0, Assert.Single(journal).LatencySeconds);
        Assert.Equal(new StoreCounts(1, 0, 3, 2, 1), await Store.CountsAsync());
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Invoices_issued_in_a_period_span_taxpayers_in_order_and_keep_the_related_invoice()
    {
        var a = await RecordAsync(Message(mst: OtherMst));
        var b = await RecordAsync();
        var june = new DateOnly(2025, 6, 1);
        StoredInvoice[] ofA =
        [
            Invoice(Code(1), a, 1) with { Number = "10", IssuedOn = june },
            Invoice(Code(2), a, 2) with { Number = "9", IssuedOn = new DateOnly(2025, 6, 30) },
            Invoice(Code(3), a, 3) with { Number = "1", IssuedOn = new DateOnly(2025, 7, 1) },
            Invoice(Code(4), a, 4) with { Number = "2", IssuedOn = new DateOnly(2025, 5, 31) },
        ];
        StoredInvoice[] ofB =
        [
            Invoice(Code(5), b, 1) with { Form = 2, Number = "1" },
            Invoice(Code(6), b, 2) with
            {
                Number = "3", RelationKind = 2, RelatedForm = "1", RelatedSeries = "1C25MAB", RelatedNumber = "00000007",
                RelatedIssuedOn = new DateOnly(2025, 5, 20),
            },
            Invoice(Code(7), b, 3) with { Number = "2", Series = "1C25MAA" },
        ];
        Assert.True((await Store.CompleteAsync(Completion(a, ofA, T0), T0)).Stored);
        Assert.True((await Store.CompleteAsync(Completion(b, ofB, T0), T0)).Stored);

        var found = await Store.InvoicesIssuedAsync(june, new DateOnly(2025, 6, 30));
        // OtherMst (0100686209) before Mst (0106324653); then form, series, number (numerically: 9 before 10).
        Assert.Equal([Code(2), Code(1), Code(7), Code(6), Code(5)], found.Select(i => i.Code));
        var related = found.Single(i => i.Code == Code(6));
        Assert.Equal(2, related.RelationKind);
        Assert.Equal("1", related.RelatedForm);
        Assert.Equal("1C25MAB", related.RelatedSeries);
        Assert.Equal("00000007", related.RelatedNumber);
        Assert.Equal(new DateOnly(2025, 5, 20), related.RelatedIssuedOn);
        var plain = found.Single(i => i.Code == Code(5));
        Assert.Null(plain.RelationKind);
        Assert.Null(plain.RelatedForm);
        Assert.Null(plain.RelatedSeries);
        Assert.Null(plain.RelatedNumber);
        Assert.Null(plain.RelatedIssuedOn);
        Assert.Equal(2, (await Store.InvoicesOfAsync(b.MessageId))[1].RelationKind);

        Assert.Empty(await Store.InvoicesIssuedAsync(new DateOnly(2025, 8, 1), new DateOnly(2025, 8, 31)));
        Assert.Equal(7, (await Store.InvoicesIssuedAsync(DateOnly.MinValue, DateOnly.MaxValue)).Count);
    }

    [Fact]
    public async Task Complete_with_a_code_already_stored_writes_nothing_and_reports_the_conflicts()
    {
        var first = await RecordAsync();
        Assert.True((await Store.CompleteAsync(Completion(first, Invoices(first, 1, 2), T0.AddSeconds(2),
            [Response(first, "204", T0.AddSeconds(2))]), T0.AddSeconds(2))).Stored);
        var before = await Store.CountsAsync();
        var journalBefore = (await Store.JournalAsync(new JournalQuery())).Count;

        var second = await RecordAsync(Message(at: T0.AddSeconds(5)));
        StoredInvoice[] invoices = [Invoice(Code(10), second, 1), Invoice(Code(2), second, 2), Invoice(Code(11), second, 3), Invoice(Code(1), second, 4)];
        var result = await Store.CompleteAsync(Completion(second, invoices, T0.AddSeconds(6),
            [Response(second, "204", T0.AddSeconds(6))], [Journal("out", "204", "x", replyTo: second.MessageId)]), T0.AddSeconds(6));

        Assert.False(result.Stored);
        Assert.Equal(new HashSet<string> { Code(1), Code(2) }, result.Conflicts.ToHashSet());
        Assert.Null(await Store.GetInvoiceAsync(Mst, Code(10)));
        Assert.Null(await Store.GetInvoiceAsync(Mst, Code(11)));
        Assert.Empty(await Store.InvoicesOfAsync(second.MessageId));
        Assert.Equal(first.MessageId, (await Store.GetInvoiceAsync(Mst, Code(2)))!.MessageId);
        Assert.Equal(MessageState.Received, (await Store.GetMessageAsync(second.MessageId))!.State);
        Assert.Equal(["999"], (await Store.ResponsesToAsync(second.MessageId)).Select(r => r.Type));
        Assert.Equal(journalBefore, (await Store.JournalAsync(new JournalQuery())).Count);
        Assert.Equal(before with { Messages = 2, Pending = 1, Responses = before.Responses + 1 }, await Store.CountsAsync());
        Assert.Equal(new HashSet<string> { Code(1), Code(2) },
            (await Store.StoredCodesAsync([Code(1), Code(2), Code(10), Code(11)])).ToHashSet());

        // The caller then completes it as refused (7005), without invoices; the feed stays gap-free.
        var refused = await Store.CompleteAsync(Completion(second, [], T0.AddSeconds(6), [Response(second, "204", T0.AddSeconds(6))],
            outcome: "204 LTBao 7: 7005"), T0.AddSeconds(6));
        Assert.True(refused.Stored);
        Assert.Equal("204 LTBao 7: 7005", (await Store.GetMessageAsync(second.MessageId))!.Outcome);
        Assert.Equal(["999", "204"], (await Store.ResponsesToAsync(second.MessageId)).Select(r => r.Type));
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Complete_refuses_an_unknown_message_and_a_repeated_code_and_a_second_completion_is_a_no_op()
    {
        var ghost = Message();
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CompleteAsync(Completion(ghost, [], T0, []), T0));

        var m = await RecordAsync();
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.CompleteAsync(Completion(m, [Invoice(Code(1), m, 1), Invoice(Code(1), m, 2)], T0), T0));
        Assert.Equal(0, (await Store.CountsAsync()).Invoices);

        Assert.True((await Store.CompleteAsync(Completion(m, [Invoice(Code(1), m, 1)], T0, [Response(m, "204", T0)]), T0)).Stored);

        // A retry of a completion that committed (e.g. the caller lost the answer) is done already: it writes nothing,
        // whether its codes are its own (stored by the first call) or new.
        var retry = await Store.CompleteAsync(Completion(m, [Invoice(Code(1), m, 1)], T0, [Response(m, "204", T0)],
            [Journal("out", "204", "again")], outcome: "other"), T0);
        Assert.True(retry.Stored);
        Assert.Empty(retry.Conflicts);
        Assert.True((await Store.CompleteAsync(Completion(m, [Invoice(Code(2), m, 1)], T0, [Response(m, "204", T0)]), T0)).Stored);
        Assert.Equal(2, (await Store.ResponsesToAsync(m.MessageId)).Count);
        Assert.Null(await Store.GetInvoiceAsync(Mst, Code(2)));
        Assert.Equal("204 LTBao 2", (await Store.GetMessageAsync(m.MessageId))!.Outcome);
        Assert.Empty(await Store.JournalAsync(new JournalQuery()));

        // The store still works after the refused calls, and its feed has no hole.
        await RecordAsync();
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Concurrent_completions_sharing_a_code_store_exactly_one()
    {
        const int tasks = 8;
        var shared = Code(999_999, "ZZZZZ");
        var messages = new List<InboundMessage>();
        for (var t = 0; t < tasks; t++)
            messages.Add(await RecordAsync());

        using var start = new ManualResetEventSlim(false);
        var runs = messages.Select((m, t) => Task.Run(async () =>
        {
            start.Wait();
            var invoices = Invoices(m, 1000 * (t + 1), 5).Append(Invoice(shared, m, 6)).ToArray();
            return (m, result: await Store.CompleteAsync(Completion(m, invoices, T0.AddSeconds(2), [Response(m, "204", T0.AddSeconds(2))]),
                T0.AddSeconds(2)));
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(runs);

        var winners = results.Where(r => r.result.Stored).ToArray();
        var (winner, _) = Assert.Single(winners);
        foreach (var (m, result) in results.Where(r => !r.result.Stored))
        {
            Assert.Equal([shared], result.Conflicts.ToArray());
            Assert.Equal(MessageState.Received, (await Store.GetMessageAsync(m.MessageId))!.State);
            Assert.Empty(await Store.InvoicesOfAsync(m.MessageId));
        }

        Assert.Equal(MessageState.Processed, (await Store.GetMessageAsync(winner.MessageId))!.State);
        Assert.Equal(winner.MessageId, (await Store.GetInvoiceAsync(Mst, shared))!.MessageId);
        Assert.Equal(6, (await Store.CountsAsync()).Invoices);
        Assert.Equal(tasks + 1, (await Store.CountsAsync()).Responses);
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Stored_codes_reports_only_codes_in_the_store()
    {
        Assert.Empty(await Store.StoredCodesAsync([]));
        var m = await RecordAsync();
        await Store.CompleteAsync(Completion(m, Invoices(m, 1, 3), T0), T0);
        Assert.Empty(await Store.StoredCodesAsync([Code(7), Code(8)]));
        Assert.Equal(new HashSet<string> { Code(1), Code(3) },
            (await Store.StoredCodesAsync([Code(1), Code(3), Code(4), Code(1)])).ToHashSet());
        var many = Enumerable.Range(1, 1500).Select(n => Code(n)).ToArray();
        Assert.Equal(3, (await Store.StoredCodesAsync(many)).Count);
    }

    // ------------------------------------------------------------------ feed

    [Fact]
    public async Task Delayed_responses_are_invisible_until_released_then_take_the_next_feed_positions()
    {
        var m1 = await RecordAsync();
        var m2 = await RecordAsync();
        var m3 = await RecordAsync();
        var now = T0.AddSeconds(2);

        await Store.CompleteAsync(Completion(m1, [], now, [Response(m1, "204", now)]), now);
        var late15 = Response(m2, "204", now.AddSeconds(1), visible: T0.AddMinutes(15), callback: CallbackState.Pending, email: true);
        await Store.CompleteAsync(Completion(m2, [], now.AddSeconds(1), [late15]), now.AddSeconds(1));
        var late10 = Response(m3, "204", now.AddSeconds(2), visible: T0.AddMinutes(10));
        await Store.CompleteAsync(Completion(m3, [], now.AddSeconds(2), [late10]), now.AddSeconds(2));

        Assert.Equal(["999"], (await Store.ResponsesToAsync(m2.MessageId)).Select(r => r.Type));
        Assert.Equal(4, (await Store.InboxAsync(Tvan, 0, 100)).Count);
        Assert.Empty(await Store.DueCallbacksAsync(T0.AddHours(1), 10));
        Assert.Empty(await Store.PendingEmailsAsync(10));
        Assert.Equal(6, (await Store.CountsAsync()).Responses);

        Assert.Equal(0, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(9)));
        var cursor = (await Store.InboxAsync(Tvan, 0, 100)).Max(r => r.FeedSeq!.Value);

        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(10)));
        var released = Assert.Single(await Store.InboxAsync(Tvan, cursor, 100));
        Assert.Equal(late10.ResponseId, released.ResponseId);
        Assert.Equal(cursor + 1, released.FeedSeq);

        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(20)));
        Assert.Equal(0, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(30)));
        var last = Assert.Single(await Store.InboxAsync(Tvan, cursor + 1, 100));
        Assert.Equal(late15.ResponseId, last.ResponseId);
        Assert.Equal(cursor + 2, last.FeedSeq);
        Assert.Equal(["999", "204"], (await Store.ResponsesToAsync(m2.MessageId)).Select(r => r.Type));
        Assert.Single(await Store.DueCallbacksAsync(T0.AddHours(1), 10));
        Assert.Single(await Store.PendingEmailsAsync(10));

        var feed = await DrainInboxAsync(Tvan, page: 2);
        Assert.Equal(6, feed.Count);
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task A_release_for_one_TVAN_gives_positions_to_its_due_responses_only()
    {
        var mine = await RecordAsync();
        var other = await RecordAsync(Message(tvan: OtherTvan));
        var late = Response(mine, "204", T0.AddSeconds(1), visible: T0.AddMinutes(20));
        var otherLate = Response(other, "204", T0.AddSeconds(1), visible: T0.AddMinutes(20));
        await Store.AddResponsesAsync([late, otherLate], [], T0);

        // Tvan's time runs ahead (a certification session's own clock): only its response is due on it.
        Assert.Equal(0, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(19), Tvan));
        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(20), Tvan));
        Assert.Equal(["999", "204"], (await Store.ResponsesToAsync(mine.MessageId)).Select(r => r.Type));
        Assert.Equal(["999"], (await Store.ResponsesToAsync(other.MessageId)).Select(r => r.Type));
        Assert.Equal(0, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(30), Tvan));
        // The other T-VAN's comes on the shared release.
        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(20)));
        Assert.Equal(["999", "204"], (await Store.ResponsesToAsync(other.MessageId)).Select(r => r.Type));
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task One_release_gives_positions_in_creation_order()
    {
        var m = await RecordAsync();
        var created = T0.AddSeconds(1);
        var a = Response(m, "102", created, visible: T0.AddMinutes(9)); // created first, visible last
        var b = Response(m, "204", created.AddSeconds(1), visible: T0.AddMinutes(5));
        var c = Response(m, "103", created, visible: T0.AddMinutes(1)); // same creation time as a, inserted after it
        await Store.AddResponsesAsync([a, b, c], [], T0);

        Assert.Equal(3, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(10)));

        var feed = (await Store.ResponsesToAsync(m.MessageId)).Where(r => r.Type != "999").ToArray();
        Assert.Equal([a.ResponseId, c.ResponseId, b.ResponseId], feed.OrderBy(r => r.FeedSeq).Select(r => r.ResponseId));
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Inbox_is_per_tvan_and_pages_by_cursor()
    {
        var mine = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var m = await RecordAsync(Message(tvan: i % 3 == 0 ? OtherTvan : Tvan));
            if (m.TvanCode == Tvan)
                mine.Add(m.MessageId);
        }

        var feed = await DrainInboxAsync(Tvan, page: 2);
        Assert.Equal(mine, feed.Select(r => r.ReplyTo));
        Assert.All(feed, r => Assert.Equal(Tvan, r.TvanCode));
        Assert.Equal(3, (await DrainInboxAsync(OtherTvan)).Count);
        Assert.Empty(await Store.InboxAsync(Tvan, feed[^1].FeedSeq!.Value, 10));
        Assert.Empty(await Store.InboxAsync(Tvan, 0, 0));
        Assert.Empty(await Store.InboxAsync("V9999999999", 0, 10));
        Assert.Equal(2, (await Store.InboxAsync(Tvan, 0, 2)).Count);
    }

    [Fact]
    public async Task An_inbox_cursor_never_skips_a_response_while_writers_run()
    {
        const int writers = 4, perWriter = 30;
        var clock = T0;
        var clockLock = new object();
        DateTimeOffset Now() { lock (clockLock) return clock; }

        var expected = new ConcurrentBag<string>();
        var writing = Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++)
            {
                var m = Message(at: Now());
                var ack = Ack(m);
                Assert.True((await Store.RecordAsync(m, ack, [Journal("in", "206", m.MessageId)])).Inserted);
                expected.Add(ack.ResponseId);
                var now = Now();
                var notice = Response(m, "204", now, visible: i % 3 == 0 ? now.AddSeconds(30) : now);
                await Store.CompleteAsync(Completion(m, [Invoice(Code(w * 1000 + i), m, 1)], now, [notice]), now);
                expected.Add(notice.ResponseId);
                if (i % 5 == 0)
                {
                    var extra = Response(m, "103", now, visible: now.AddSeconds(10));
                    await Store.AddResponsesAsync([extra], [], now);
                    expected.Add(extra.ResponseId);
                }
            }
        })));

        var releasing = Task.Run(async () =>
        {
            while (!writing.IsCompleted)
            {
                lock (clockLock) clock = clock.AddSeconds(3);
                await Store.ReleaseDueResponsesAsync(Now());
                await Task.Delay(1);
            }
        });

        var seen = new List<OutboundResponse>();
        long cursor = 0;
        while (!writing.IsCompleted || !releasing.IsCompleted)
        {
            foreach (var r in await Store.InboxAsync(Tvan, cursor, 7))
            {
                Assert.True(r.FeedSeq > cursor);
                cursor = r.FeedSeq!.Value;
                seen.Add(r);
            }

            await Task.Yield();
        }

        await writing;
        await releasing;
        await Store.ReleaseDueResponsesAsync(T0.AddDays(1));
        seen.AddRange(await DrainInboxAsync(Tvan, cursor, 7));

        var feeds = seen.Select(r => r.FeedSeq!.Value).ToArray();
        Assert.Equal(feeds.Length, feeds.Distinct().Count());
        Assert.True(feeds.Zip(feeds.Skip(1)).All(p => p.First < p.Second), "feed order strictly increasing");
        Assert.Equal(feeds[0] + feeds.Length - 1, feeds[^1]); // one T-VAN only here: its feed is the whole feed, gap-free
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen.Select(r => r.ResponseId).Order(StringComparer.Ordinal));
        await AssertFeedIsGapFreeAsync();
    }

    // ------------------------------------------------------------------ add responses, callbacks, e-mails

    [Fact]
    public async Task Add_responses_makes_visible_ones_visible_at_once_and_appends_the_journal()
    {
        var m = await RecordAsync();
        var now = T0.AddMinutes(1);
        var visible = Response(m, "103", now);
        var earlier = Response(m, "102", now.AddSeconds(-5), visible: now.AddSeconds(-1));
        var later = Response(m, "103", now, visible: now.AddTicks(TimeSpan.TicksPerMillisecond));

        await Store.AddResponsesAsync([visible, earlier, later], [Journal("out", "103", visible.ResponseId), Journal("out", "102", null)], now);

        Assert.Equal([earlier.ResponseId, visible.ResponseId],
            (await Store.ResponsesToAsync(m.MessageId)).Where(r => r.Type != "999").Select(r => r.ResponseId));
        Assert.Equal(["103", "102"], (await Store.JournalAsync(new JournalQuery())).Select(j => j.Type));
        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(now.AddTicks(TimeSpan.TicksPerMillisecond)));
        Assert.Equal(4, (await Store.ResponsesToAsync(m.MessageId)).Count);

        await Store.AddResponsesAsync([], [], now); // nothing to do
        await AssertFeedIsGapFreeAsync();
    }

    [Fact]
    public async Task Callbacks_are_due_until_delivered_and_wait_for_their_next_attempt()
    {
        var m = await RecordAsync();
        var now = T0.AddSeconds(2);
        var notice = Response(m, "204", now, callback: CallbackState.Pending);
        var delayed = Response(m, "204", now, visible: now.AddMinutes(5), callback: CallbackState.Pending);
        await Store.CompleteAsync(Completion(m, [], now, [notice, delayed]), now);

        var due = Assert.Single(await Store.DueCallbacksAsync(now, 10));
        Assert.Equal(notice.ResponseId, due.ResponseId);
        Assert.Null(due.NextCallbackAt);
        Assert.Equal(0, due.CallbackAttempts);
        Assert.Equal(2, (await Store.CountsAsync()).PendingCallbacks);

        await Store.UpdateCallbackAsync(due.Seq, CallbackState.Pending, 1, now.AddSeconds(30), "HTTP 503");
        Assert.Empty(await Store.DueCallbacksAsync(now.AddSeconds(29), 10));
        var retry = Assert.Single(await Store.DueCallbacksAsync(now.AddSeconds(30), 10));
        Assert.Equal(1, retry.CallbackAttempts);
        Assert.Equal(now.AddSeconds(30), retry.NextCallbackAt);
        Assert.Equal("HTTP 503", retry.CallbackError);

        await Store.UpdateCallbackAsync(due.Seq, CallbackState.Delivered, 2, null, null);
        Assert.Empty(await Store.DueCallbacksAsync(now.AddDays(1), 10));
        Assert.Equal(1, (await Store.CountsAsync()).PendingCallbacks);
        var delivered = (await Store.ResponsesToAsync(m.MessageId)).Single(r => r.ResponseId == notice.ResponseId);
        Assert.Equal(CallbackState.Delivered, delivered.Callback);
        Assert.Equal(2, delivered.CallbackAttempts);
        Assert.Null(delivered.CallbackError);

        await Store.ReleaseDueResponsesAsync(now.AddMinutes(5));
        Assert.Equal(delayed.ResponseId, Assert.Single(await Store.DueCallbacksAsync(now.AddMinutes(5), 10)).ResponseId);

        // Limit and order (feed order).
        for (var i = 0; i < 3; i++)
            await Store.AddResponsesAsync([Response(m, "103", now, callback: CallbackState.Pending)], [], now);
        var two = await Store.DueCallbacksAsync(now.AddMinutes(5), 2);
        Assert.Equal(2, two.Count);
        Assert.Equal(delayed.ResponseId, two[0].ResponseId);
        Assert.True(two[0].FeedSeq < two[1].FeedSeq);
    }

    [Fact]
    public async Task Emails_are_pending_when_visible_until_marked()
    {
        var m = await RecordAsync();
        var now = T0.AddSeconds(2);
        var notice = Response(m, "204", now, email: true);
        var delayed = Response(m, "204", now, visible: now.AddMinutes(1), email: true);
        await Store.CompleteAsync(Completion(m, [], now, [notice, delayed, Response(m, "103", now)]), now);

        var pending = Assert.Single(await Store.PendingEmailsAsync(10));
        Assert.Equal(notice.ResponseId, pending.ResponseId);
        Assert.True(pending.EmailPending);

        await Store.MarkEmailedAsync(pending.Seq);
        Assert.Empty(await Store.PendingEmailsAsync(10));
        Assert.False((await Store.ResponsesToAsync(m.MessageId)).Single(r => r.ResponseId == notice.ResponseId).EmailPending);

        await Store.ReleaseDueResponsesAsync(now.AddMinutes(1));
        Assert.Equal(delayed.ResponseId, Assert.Single(await Store.PendingEmailsAsync(10)).ResponseId);
        Assert.Empty(await Store.PendingEmailsAsync(0));
    }

    // ------------------------------------------------------------------ journal

    [Fact]
    public async Task Journal_query_filters_by_mst_type_and_cursor()
    {
        await Store.AppendJournalAsync(
        [
            Journal("in", "206", "A", Mst),
            Journal("out", "999", "B", Mst),
            Journal("in", "206", "C", OtherMst),
            Journal("out", "204", "D", Mst, latency: 1.5),
            Journal("in", "?", null, null, http: 400, outcome: "1001"),
            Journal("in", "206", "E", Mst),
        ]);
        await Store.AppendJournalAsync([]);

        var all = await Store.JournalAsync(new JournalQuery());
        Assert.Equal(["A", "B", "C", "D", null, "E"], all.Select(j => j.MessageId));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Seq < p.Second.Seq));

        Assert.Equal(["A", "B", "D", "E"], (await Store.JournalAsync(new JournalQuery { TaxCode = Mst })).Select(j => j.MessageId));
        Assert.Equal(["A", "C", "E"], (await Store.JournalAsync(new JournalQuery { Type = "206" })).Select(j => j.MessageId));
        Assert.Equal(["A", "E"], (await Store.JournalAsync(new JournalQuery { Type = "206", TaxCode = Mst })).Select(j => j.MessageId));
        Assert.Equal(["D", null, "E"], (await Store.JournalAsync(new JournalQuery { After = all[2].Seq })).Select(j => j.MessageId));
        Assert.Equal(["E"], (await Store.JournalAsync(new JournalQuery { After = all[2].Seq, TaxCode = Mst, Type = "206" }))
            .Select(j => j.MessageId));
        Assert.Equal(["A", "B"], (await Store.JournalAsync(new JournalQuery { Limit = 2 })).Select(j => j.MessageId));
        Assert.Empty(await Store.JournalAsync(new JournalQuery { After = all[^1].Seq }));
        Assert.Empty(await Store.JournalAsync(new JournalQuery { TaxCode = "0000000000" }));
        var refused = all[4];
        Assert.Equal(("?", 400, "1001", (string?)null), (refused.Type, refused.HttpStatus, refused.Outcome, refused.TaxCode));
    }

    // ------------------------------------------------------------------ reset, durability

    [Fact]
    public async Task Reset_empties_the_store_but_keeps_keep_settings_and_never_reuses_feed_positions()
    {
        await Store.SetSettingAsync("keep.authority.certificate", "PEM");
        await Store.SetSettingAsync("clock", "state");
        await Store.SetSettingAsync("keeper", "not kept");
        var m = await RecordAsync(null, Journal("in", "206", "x"));
        await Store.CompleteAsync(Completion(m, Invoices(m, 1, 2), T0, [Response(m, "204", T0, visible: T0.AddMinutes(5))]), T0);
        var maxFeed = (await Store.InboxAsync(Tvan, 0, 100)).Max(r => r.FeedSeq!.Value);
        var maxMessageSeq = m.Seq;

        await Store.ResetAsync();

        Assert.Equal(new StoreCounts(0, 0, 0, 0, 0), await Store.CountsAsync());
        Assert.Equal("PEM", await Store.GetSettingAsync("keep.authority.certificate"));
        Assert.Null(await Store.GetSettingAsync("clock"));
        Assert.Null(await Store.GetSettingAsync("keeper"));
        Assert.Empty(await Store.JournalAsync(new JournalQuery()));
        Assert.Empty(await Store.InboxAsync(Tvan, 0, 100));
        Assert.Empty(await Store.StoredCodesAsync([Code(1), Code(2)]));
        Assert.Equal(0, await Store.ReleaseDueResponsesAsync(T0.AddHours(1)));

        // The same MTDiep and codes may be used again; positions and seqs continue.
        var again = await RecordAsync(m);
        Assert.True(again.Seq > maxMessageSeq);
        Assert.True((await Store.CompleteAsync(Completion(again, Invoices(again, 1, 2), T0), T0)).Stored);
        Assert.True(Assert.Single(await Store.InboxAsync(Tvan, 0, 100)).FeedSeq > maxFeed);

        // Even when the store is reopened on an empty feed right after a reset.
        var beforeSecondReset = (await Store.InboxAsync(Tvan, 0, 100)).Max(r => r.FeedSeq!.Value);
        await Store.ResetAsync();
        await ReopenAsync();
        await RecordAsync();
        Assert.True(Assert.Single(await Store.InboxAsync(Tvan, 0, 100)).FeedSeq > beforeSecondReset);
        Assert.Equal("PEM", await Store.GetSettingAsync("keep.authority.certificate"));
    }

    [Fact]
    public async Task Data_survives_a_new_store_instance_and_the_feed_continues()
    {
        await Store.SetSettingAsync("keep.x", "1");
        var done = await RecordAsync();
        await Store.CompleteAsync(Completion(done, Invoices(done, 1, 3), T0, [Response(done, "204", T0, visible: T0.AddMinutes(1))]), T0);
        var pending = await RecordAsync(null, Journal("in", "206", "p"));
        var maxFeed = (await Store.InboxAsync(Tvan, 0, 100)).Max(r => r.FeedSeq!.Value);

        await ReopenAsync();

        Assert.Equal("1", await Store.GetSettingAsync("keep.x"));
        Assert.Equal(pending.MessageId, Assert.Single(await Store.PendingAsync()).MessageId);
        Assert.Equal(pending.Body, (await Store.GetMessageAsync(pending.MessageId))!.Body);
        Assert.Equal(3, (await Store.InvoicesOfAsync(done.MessageId)).Count);
        Assert.Single(await Store.JournalAsync(new JournalQuery()));
        Assert.Equal(new StoreCounts(2, 1, 3, 3, 0), await Store.CountsAsync());

        Assert.Equal(1, await Store.ReleaseDueResponsesAsync(T0.AddMinutes(1)));
        await RecordAsync();
        var feed = await DrainInboxAsync(Tvan);
        Assert.Equal(Enumerable.Range(1, 4).Select(k => (long)k), feed.Select(r => r.FeedSeq!.Value - feed[0].FeedSeq!.Value + 1));
        Assert.Equal(maxFeed + 2, feed[^1].FeedSeq);
    }

    [Fact]
    public async Task Times_keep_their_instant()
    {
        var received = new DateTimeOffset(2025, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(7)).AddTicks(1230); // 123 µs
        var m = await RecordAsync(Message(at: received));
        var stored = (await Store.GetMessageAsync(m.MessageId))!;
        Assert.Equal(received, stored.ReceivedAt);
        Assert.Equal(received.UtcDateTime, stored.ReceivedAt.UtcDateTime);
        Assert.Equal(received.AddSeconds(2), stored.DueAt);
    }
}
