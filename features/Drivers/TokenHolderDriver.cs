using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ConformanceKit.Features.Support;
using ConformanceKit.Provider;
using ConformanceKit.Provider.Signing;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// The person with the seller's USB token (deferred signing): downloads each package waiting in the provider's to-sign
/// queue, signs it with the seller's key and hands it back over the provider's API — what <c>ck sign</c> does.
/// </summary>
public sealed partial class TokenHolderDriver(ProviderDriver provider) : IDisposable
{
    private readonly Lazy<PfxPackageSigner> _token = new(() => new PfxPackageSigner(SellerKey.Certificate));

    /// <summary>The provider's answer to the last signed package handed back (200 taken, 400 refused …).</summary>
    public HttpStatusCode? LastUpload { get; private set; }

    /// <summary>The message ids of the packages waiting to be signed.</summary>
    public async Task<IReadOnlyList<string>> WaitingAsync() =>
        [.. (await provider.PackagesAsync(PackageState.ToSign)).Select(p => p.GetProperty("messageId").GetString()!)];

    /// <summary>Signs every waiting package; returns how many the provider took.</summary>
    public async Task<int> SignWaitingAsync()
    {
        var taken = 0;
        foreach (var id in await WaitingAsync())
            if (await UploadAsync(id, await provider.UnsignedPackageAsync(id)) == HttpStatusCode.OK) taken++;
        return taken;
    }

    /// <summary>Signs the first waiting package after changing its first unit price: the signature holds, the content is not the provider's.</summary>
    public async Task<HttpStatusCode> SignChangedAsync()
    {
        // The provider packages the sale moments after it answered: wait for it rather than race it.
        var id = (await Eventually.ValueAsync(WaitingAsync, w => w.Count > 0, TimeSpan.FromSeconds(10))).FirstOrDefault()
            ?? throw new InvalidOperationException("no package waits to be signed");
        var text = Encoding.UTF8.GetString(await provider.UnsignedPackageAsync(id));
        var changed = UnitPrice().Replace(text, "<DGia>1000</DGia>", 1);
        if (changed == text) throw new InvalidOperationException($"package {id} has no unit price to change");
        return await UploadAsync(id, Encoding.UTF8.GetBytes(changed));
    }

    private async Task<HttpStatusCode> UploadAsync(string messageId, byte[] unsigned)
    {
        var signed = await _token.Value.SignAsync(unsigned, DateTime.UtcNow.AddHours(7), CancellationToken.None);
        return (LastUpload = await provider.PutSignedPackageAsync(messageId, signed!)).Value;
    }

    [GeneratedRegex("<DGia>[^<]*</DGia>")]
    private static partial Regex UnitPrice();

    public void Dispose()
    {
        if (_token.IsValueCreated) _token.Value.Dispose();
    }
}
