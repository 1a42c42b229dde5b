using ConformanceKit.Einvoice.Validation;

namespace ConformanceKit.TaxAuthoritySim.Checks;

/// <summary>Checks 1 and 3: the MST is known (2001) and active (2002), still uses e-invoices (2003), and has an accepted cash-register registration (2004).</summary>
public sealed class TaxpayerStateCheck : IStep1Check
{
    private const string Path = "/TDiep/TTChung/MST";

    public IReadOnlyList<string> Codes { get; } =
        [ErrorCodes.MstUnknown, ErrorCodes.MstNotActive, ErrorCodes.TaxpayerStopped, ErrorCodes.NoCashRegisterRegistration];

    public IEnumerable<CheckFailure> Run(PackageUnderCheck p)
    {
        var mst = p.TaxCode;
        if (p.Taxpayer is not { } taxpayer)
        {
            yield return new CheckFailure(ErrorCodes.MstUnknown, $"MST {mst} is not in the taxpayer registry", Path: Path);
            yield break;
        }
        if (!taxpayer.IsActive)
            yield return new CheckFailure(ErrorCodes.MstNotActive,
                $"MST {mst} is in state {taxpayer.Status} ({StateName(taxpayer.Status)}); active states are 00, 02, 04", Path: Path);
        if (taxpayer.StoppedUsingEinvoices)
            yield return new CheckFailure(ErrorCodes.TaxpayerStopped, $"taxpayer {mst} has stopped using e-invoices", Path: Path);
        if (taxpayer.CashRegister is null)
            yield return new CheckFailure(ErrorCodes.NoCashRegisterRegistration,
                $"taxpayer {mst} has no accepted registration for cash-register invoices", Path: Path);
    }

    public static string StateName(string status) => status switch
    {
        "00" => "đang hoạt động",
        "01" => "ngừng hoạt động, đã hoàn thành thủ tục chấm dứt hiệu lực MST",
        "02" => "đã chuyển cơ quan thuế quản lý",
        "03" => "ngừng hoạt động, chưa hoàn thành thủ tục chấm dứt hiệu lực MST",
        "04" => "đang hoạt động (hộ kinh doanh, cá nhân kinh doanh)",
        "05" => "tạm ngừng kinh doanh có thời hạn",
        "06" => "không hoạt động tại địa chỉ đã đăng ký",
        "07" => "chờ khôi phục mã số thuế",
        _ => "trạng thái " + status,
    };
}
