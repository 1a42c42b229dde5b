using System.Security.Cryptography;
using System.Text.Json;
using ConformanceKit.Einvoice.Codes;
using ConformanceKit.TaxAuthoritySim.Store;

namespace ConformanceKit.TaxAuthoritySim.Registry;

/// <summary>
/// The registry of taxpayers and T-VANs: an in-memory snapshot read on every message, persisted
/// whole in the store on every change, so a restart finds what seeds and registrations made.
/// </summary>
public sealed class RegistryService(ISimulatorStore store)
{
    internal const string SettingKey = "registry";
    private readonly SemaphoreSlim _write = new(1, 1);
    private volatile ReferenceData _current = ReferenceData.Empty;

    public ReferenceData Current => _current;

    /// <summary>Where the registry in force at start-up came from.</summary>
    public enum Origin
    {
        /// <summary>The store had none: the start-up seed was applied.</summary>
        Seeded,
        /// <summary>The store's, as the last run left it (no --seed given).</summary>
        Stored,
        /// <summary>--seed given over a stored registry: the file's T-VANs and admin key, its taxpayers over the stored ones.</summary>
        StoredWithSeedKeys,
        /// <summary>--reseed: the stored registry was replaced whole by the start-up seed (messages and invoices kept).</summary>
        Reseeded,
    }

    /// <summary>How the registry in force differs from what a seed would make of an empty registry.</summary>
    [Flags]
    public enum SeedDifference
    {
        None = 0,
        /// <summary>Other T-VANs, T-VAN keys, contracts or callbacks, or another admin key.</summary>
        TvansOrKeys = 1,
        /// <summary>Other taxpayers or registrations (a 100 accepted since, a seed posted to the control plane…).</summary>
        Taxpayers = 2,
        /// <summary>Another authority name or place.</summary>
        Authority = 4,
    }

    /// <summary>
    /// Loads the persisted registry; when there is none, applies <paramref name="startupSeed"/>. When
    /// <paramref name="seedGiven"/> (the user named a seed file) the file's T-VANs and admin key replace the
    /// stored ones — silently keeping an earlier seed's keys active would surprise — and its taxpayers are laid on
    /// top of the stored ones (which keep their registrations).
    /// </summary>
    /// <param name="reseed">--reseed: replace the stored registry whole (taxpayers, T-VANs, keys) by
    /// <paramref name="startupSeed"/>; the store's messages and invoices are not touched.</param>
    public async Task<Origin> LoadAsync(SeedDocument? startupSeed, bool seedGiven = false, CancellationToken ct = default,
        bool reseed = false)
    {
        var json = await store.GetSettingAsync(SettingKey, ct);
        var stored = json is null ? null : JsonSerializer.Deserialize<SeedDocument>(json, SeedDocument.Json)!;
        if (stored is null)
        {
            if (startupSeed is not null) await ApplyAsync(startupSeed, ct);
            return Origin.Seeded;
        }
        if (reseed && startupSeed is not null)
        {
            await ReplaceAsync(startupSeed, ct);
            return Origin.Reseeded;
        }
        if (!seedGiven || startupSeed is null)
        {
            _current = ReferenceData.Empty.Apply(stored, strictKeys: false);
            return Origin.Stored;
        }
        var withoutKeys = stored with { Tvans = null, AdminKey = null };
        await Change(_ => ReferenceData.Empty.Apply(withoutKeys, strictKeys: false).Apply(startupSeed), ct);
        return Origin.StoredWithSeedKeys;
    }

    /// <summary>What in the registry in force is not what <paramref name="seed"/> makes of an empty registry.</summary>
    public SeedDifference DifferenceFrom(SeedDocument seed)
    {
        SeedDocument expected;
        try { expected = ReferenceData.Empty.Apply(seed).ToSeed(); }
        catch (SeedException) { return SeedDifference.TvansOrKeys | SeedDifference.Taxpayers | SeedDifference.Authority; }
        var actual = _current.ToSeed();
        var difference = SeedDifference.None;
        if (!Same(actual.Tvans, expected.Tvans) || actual.AdminKey != expected.AdminKey) difference |= SeedDifference.TvansOrKeys;
        if (!Same(actual.Taxpayers, expected.Taxpayers)) difference |= SeedDifference.Taxpayers;
        if (!Same(actual.TaxAuthority, expected.TaxAuthority)) difference |= SeedDifference.Authority;
        return difference;

        static bool Same<T>(T a, T b) =>
            JsonSerializer.Serialize(a, SeedDocument.Json) == JsonSerializer.Serialize(b, SeedDocument.Json);
    }

    /// <summary>Lays a seed on top of the current registry (throws <see cref="SeedException"/>).</summary>
    public Task<ReferenceData> ApplyAsync(SeedDocument seed, CancellationToken ct = default) =>
        Change(current => current.Apply(seed), ct);

    /// <summary>Empties the registry and applies <paramref name="seed"/> (after the store was reset).</summary>
    public Task<ReferenceData> ReplaceAsync(SeedDocument? seed, CancellationToken ct = default) =>
        Change(_ => seed is null ? ReferenceData.Empty : ReferenceData.Empty.Apply(seed), ct);

    /// <summary>
    /// Accepts a cash-register registration: records forms and date, and issues a fresh code block
    /// (unique across taxpayers) unless <paramref name="keepExistingBlocks"/> and one is already issued.
    /// </summary>
    public async Task<(Taxpayer Taxpayer, string? NewBlock)> AcceptCashRegisterAsync(string taxCode, IReadOnlyList<int> forms,
        DateOnly acceptedOn, bool keepExistingBlocks, CancellationToken ct = default)
    {
        string? issued = null;
        Taxpayer? updated = null;
        await Change(current =>
        {
            var t = current.Taxpayer(taxCode) ?? throw new InvalidOperationException($"taxpayer {taxCode} is not in the registry");
            var blocks = t.CashRegister?.CodeBlocks.ToList() ?? [];
            if (!keepExistingBlocks || blocks.Count == 0)
            {
                issued = FreshBlock(current);
                blocks.Add(issued);
            }
            updated = t with { CashRegister = new CashRegisterRegistration(acceptedOn, forms, blocks) };
            return current.With(updated);
        }, ct);
        return (updated!, issued);
    }

    private async Task<ReferenceData> Change(Func<ReferenceData, ReferenceData> change, CancellationToken ct)
    {
        await _write.WaitAsync(ct);
        try
        {
            var next = change(_current);
            await store.SetSettingAsync(SettingKey, JsonSerializer.Serialize(next.ToSeed(), SeedDocument.Json), ct);
            _current = next;
            return next;
        }
        finally
        {
            _write.Release();
        }
    }

    private const string BlockAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    private static string FreshBlock(ReferenceData current)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var block = RandomNumberGenerator.GetString(BlockAlphabet, CodeBlock.Length);
            if (CodeBlock.IsValid(block) && current.BlockOwner(block) is null) return block;
        }
        throw new InvalidOperationException("no free code block found");
    }
}
