using ConformanceKit.Features.Support;
using ConformanceKit.Provider;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>How the shop is connected to its provider and when the provider sends (seed 001's modes).</summary>
[Binding]
public sealed class ShopSetupSteps(ReferenceProvider provider)
{
    [Given("the shop sells through its provider's API")]
    [Given("cửa hàng gửi hóa đơn qua API của nhà cung cấp")]
    public void GivenTheShopUsesTheApi() => provider.Connection = Connection.Api;

    [Given("the shop drops its sales as files in the provider's folder")]
    [Given("cửa hàng đặt tệp bán hàng vào thư mục của nhà cung cấp")]
    public void GivenTheShopDropsSaleFiles() => provider.Connection = Connection.SaleFiles;

    [Given("the shop writes its sales into the intermediate table")]
    [Given("cửa hàng ghi bán hàng vào bảng trung gian")]
    public void GivenTheShopWritesTheTable() => provider.Connection = Connection.Table;

    [Given("the provider sends each invoice as soon as it is issued")]
    [Given("nhà cung cấp gửi từng hóa đơn ngay khi lập")]
    public void GivenRealtimeSync() => provider.Configure(o => o with { Sync = SyncMode.Realtime });

    [Given("the provider sends a package every {int} invoices")]
    public void GivenPeriodicSyncByCount(int count) =>
        provider.Configure(o => o with { Sync = SyncMode.Periodic, BatchSize = count, BatchInterval = TimeSpan.FromMinutes(10) });

    [Given("the provider sends what has waited {int} second(s)")]
    public void GivenPeriodicSyncByTime(int seconds) =>
        provider.Configure(o => o with { Sync = SyncMode.Periodic, BatchSize = 50, BatchInterval = TimeSpan.FromSeconds(seconds) });

    [Given("the provider sends only when the shop asks")]
    public void GivenManualSync() => provider.Configure(o => o with { Sync = SyncMode.Manual });

    [Given("the provider signs with the seller's software key")]
    public void GivenSoftwareKey() => provider.Signing = Signing.SoftwareKey;

    [Given("the provider signs through a remote signing service")]
    public void GivenRemoteSigning() => provider.Signing = Signing.Remote;

    [Given("the seller signs later with a USB token")]
    public void GivenTokenSigning() => provider.Signing = Signing.Token;
}
