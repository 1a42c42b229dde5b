using System.Security.Cryptography.X509Certificates;
using ConformanceKit.Einvoice.Samples;
using ConformanceKit.LoadTesting.Targets;

namespace ConformanceKit.LoadTesting.Workloads;

/// <summary>
/// The signed packages a T-VAN workload sends, one per send (a resent package would be a duplicate). Up to
/// <see cref="DefaultAhead"/> are built and signed before the load — signing is the T-VAN's cost, not the authority's — which
/// covers every short run; a longer run (a 30-minute soak) gets the rest from one background builder that stays at most
/// that many packages ahead of the sends, so the generator's memory stays bounded (~1.3 GB of 50-invoice
/// packages) whatever the rate. A send that catches up with the builder waits for it, and that wait is in its latency.
/// Serials move with the clock so runs do not reuse codes.
/// </summary>
public sealed class PackageSupply : IAsyncDisposable
{
    /// <summary>Packages built before the load, and the most the builder keeps ready beyond the last one sent.</summary>
    public const int DefaultAhead = 20_000;

    private readonly Slot[] _slots;
    private readonly AuthorityEndpoint _authority;
    private readonly X509Certificate2 _certificate;
    private readonly DateTime _signingTime;
    private readonly DateOnly _issueDate;
    private readonly long[] _serials;
    private readonly CancellationTokenSource _stop = new();
    private readonly bool _streaming;
    private long _built;
    private long _sent;
    private Task? _builder;

    private PackageSupply(AuthorityEndpoint authority, int[] sizes, int ahead)
    {
        Ahead = ahead > 0 ? ahead : throw new ArgumentOutOfRangeException(nameof(ahead));
        _authority = authority;
        _certificate = SamplePackageBuilder.CreateCertificate(authority.TaxCode, authority.SellerName);
        _signingTime = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(7), DateTimeKind.Unspecified);
        _issueDate = DateOnly.FromDateTime(_signingTime);
        var offset = DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 990_000 * 100_000 + 1;
        _serials = new long[sizes.Length];
        _slots = new Slot[sizes.Length];
        for (var i = 0; i < sizes.Length; i++)
        {
            _serials[i] = i == 0 ? offset : _serials[i - 1] + sizes[i - 1];
            _slots[i].Invoices = sizes[i];
        }
        _streaming = sizes.Length > ahead;
    }

    public int Count => _slots.Length;

    public int Ahead { get; }

    /// <summary>Whether part of the supply is built during the run (more than <see cref="Ahead"/> packages).</summary>
    public bool Streaming => _streaming;

    /// <summary>Builds the first <paramref name="ahead"/> packages (all cores), then starts the background builder for the rest.</summary>
    public static PackageSupply Start(AuthorityEndpoint authority, int[] sizes, CancellationToken ct, int ahead = DefaultAhead)
    {
        var supply = new PackageSupply(authority, sizes, ahead);
        var first = Math.Min(sizes.Length, ahead);
        supply.Build(0, first, Environment.ProcessorCount, ct);
        Volatile.Write(ref supply._built, first);
        if (supply._streaming) supply._builder = Task.Factory.StartNew(() => supply.BuildRest(supply._stop.Token), TaskCreationOptions.LongRunning);
        return supply;
    }

    /// <summary>The package for this invocation: its id (T-VAN code + message GUID), bytes and invoice count.</summary>
    public async ValueTask<(string Id, byte[] Bytes, int Invoices)> TakeAsync(long invocation, CancellationToken ct)
    {
        var i = (int)(invocation % _slots.Length);
        while (Volatile.Read(ref _built) <= i) await Task.Delay(1, ct).ConfigureAwait(false);
        var slot = _slots[i];
        var bytes = slot.Bytes ?? throw new InvalidOperationException($"package {i} was already sent (the run outgrew its {_slots.Length} packages)");
        if (_streaming)
        {
            _slots[i].Bytes = null;    // sent: its memory goes back
            long seen;
            while ((seen = Volatile.Read(ref _sent)) < i + 1 && Interlocked.CompareExchange(ref _sent, i + 1, seen) != seen) { }
        }
        return (slot.Id!, bytes, slot.Invoices);
    }

    /// <summary>Invoices per package id, for the packages built so far (the checks count invoices by it).</summary>
    public IReadOnlyDictionary<string, int> Invoices()
    {
        var built = (int)Volatile.Read(ref _built);
        var map = new Dictionary<string, int>(built, StringComparer.Ordinal);
        for (var i = 0; i < built; i++) map[_slots[i].Id!] = _slots[i].Invoices;
        return map;
    }

    private void BuildRest(CancellationToken ct)
    {
        const int Chunk = 64;
        var threads = Math.Max(1, Environment.ProcessorCount / 2);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var built = Volatile.Read(ref _built);
                if (built >= _slots.Length) return;
                if (built - Volatile.Read(ref _sent) >= Ahead)
                {
                    Thread.Sleep(20);
                    continue;
                }
                var end = (int)Math.Min(_slots.Length, built + Chunk);
                Build((int)built, end, threads, ct);
                Volatile.Write(ref _built, end);
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Build(int from, int to, int threads, CancellationToken ct) =>
        Parallel.For(from, to, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = threads }, i =>
        {
            var guid = Guid.NewGuid();
            _slots[i].Bytes = SamplePackageBuilder.BuildSigned(new SamplePackageOptions
            {
                Invoices = _slots[i].Invoices, TaxCode = _authority.TaxCode, SellerName = _authority.SellerName, SenderCode = _authority.TvanCode,
                CodeBlock = _authority.CodeBlock, FirstSerial = _serials[i], MessageGuid = guid, Seed = i, IssueDate = _issueDate,
            }, _certificate, _signingTime);
            _slots[i].Id = _authority.TvanCode + guid.ToString("N").ToUpperInvariant();
        });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_builder is not null)
            try { await _builder.ConfigureAwait(false); }
            catch (OperationCanceledException) { }
        _stop.Dispose();
        _certificate.Dispose();
    }

    private struct Slot
    {
        public string? Id;
        public byte[]? Bytes;
        public int Invoices;
    }
}
