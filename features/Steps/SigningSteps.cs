using System.Net;
using ConformanceKit.Features.Drivers;
using ConformanceKit.Features.Support;
using ConformanceKit.Provider;
using Reqnroll;

namespace ConformanceKit.Features.Steps;

/// <summary>Who signs: the provider's software key, the remote signing service (HSM), or the token holder later.</summary>
[Binding]
public sealed class SigningSteps(ReferenceProvider reference, ProviderDriver provider, TokenHolderDriver tokenHolder)
{
    [Then("the provider signs with the software key")]
    [Then("nhà cung cấp ký bằng khóa phần mềm")]
    public async Task ThenTheProviderSignsWithTheSoftwareKey() =>
        Assert.Equal("pfx", (await provider.StatusAsync()).GetProperty("signer").GetString());

    [Given("the signing service is down")]
    [Given("dịch vụ ký từ xa ngừng hoạt động")]
    public async Task GivenTheSigningServiceIsDown()
    {
        await reference.StartAsync();
        reference.FailRemoteSigning(int.MaxValue);
    }

    [When("the signing service is back")]
    [When("dịch vụ ký từ xa hoạt động trở lại")]
    public void WhenTheSigningServiceIsBack() => reference.FailRemoteSigning(0);

    [Then("the signing service has made {int} signature(s)")]
    [Then("dịch vụ ký từ xa đã ký {int} lần")]
    public void ThenTheServiceSigned(int signatures) => Assert.Equal(signatures, reference.RemoteSignatures);

    [Then("the package waits for its signature while the signing service is down")]
    [Then("gói chờ chữ ký trong khi dịch vụ ký từ xa ngừng hoạt động")]
    public async Task ThenThePackageWaitsForTheService()
    {
        Assert.NotEmpty(await provider.WaitForPackagesWithErrorAsync(PackageState.ToSign));
        Assert.Equal(0, reference.RemoteSignatures);
    }

    [Then("{int} package(s) wait(s) to be signed")]
    [Then("{int} gói đang chờ ký")]
    public async Task ThenPackagesWaitToBeSigned(int count) =>
        Assert.Equal(count, (await Eventually.ValueAsync(() => tokenHolder.WaitingAsync(), w => w.Count >= count, TimeSpan.FromSeconds(10))).Count);

    [When("the token holder signs the waiting packages")]
    [When("người giữ token ký các gói đang chờ")]
    public async Task WhenTheTokenHolderSigns() => Assert.True(await tokenHolder.SignWaitingAsync() > 0, "no package was waiting to be signed");

    [When("someone hands back the waiting package signed after changing a price in it")]
    [When("có người nộp lại gói đang chờ đã ký sau khi sửa một đơn giá trong đó")]
    public Task WhenAChangedPackageIsHandedBack() => tokenHolder.SignChangedAsync();

    [Then("the provider refuses the signed package")]
    [Then("nhà cung cấp từ chối gói đã ký")]
    public void ThenTheUploadIsRefused() => Assert.Equal(HttpStatusCode.BadRequest, tokenHolder.LastUpload);
}
