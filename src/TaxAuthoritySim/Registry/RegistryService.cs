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
    }

    /// <summary>
    /// Loads the persisted registry; when there is none, applies <paramref name="startupSeed"/>. When
    /// <paramref name="seedGiven"/> (the user named a seed file) the file's T-VANs and admin key replace the
    /// stored ones — silently keeping an earlier seed's keys active would surprise — and its taxpayers are laid on
    /// top of the stored ones (which keep their registrations).
    /// </summary>
    public async Task<Origin> LoadAsync(SeedDocument? startupSeed, bool seedGiven = false, CancellationToken ct = default)
    {
        var json = await store.GetSettingAsync(SettingKey, ct);
        var stored = json is null ? null : JsonSerializer.Deserialize<SeedDocument>(json, SeedDocument.Json)!;
        if (stored is null)
        {
            if (startupSeed is not null) await ApplyAsync(startupSeed, ct);
            return Origin.Seeded;
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
