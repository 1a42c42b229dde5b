using System.Text;
using ConformanceKit.Einvoice.Samples;

namespace ConformanceKit.Features.Drivers;

/// <summary>
/// Messages the authority must refuse at reception (999 TTTNhan 1, codes 1001–1008), by name
/// ("Given a message that is malformed XML"). Some need the authority first (an MTDiep already used), hence the driver.
/// </summary>
public static class MessageDefects
{
    private const int TwoMegabytes = 2 * 1024 * 1024;
    private const string OtherTvanCode = "V0301521415";

    public static readonly IReadOnlyDictionary<string, Func<SimulatorDriver, Task<byte[]>>> ByName =
        new Dictionary<string, Func<SimulatorDriver, Task<byte[]>>>(StringComparer.OrdinalIgnoreCase)
        {
            ["malformed XML"] = _ => Task.FromResult(Encoding.UTF8.GetBytes("<TDiep><TTChung>")),
            ["larger than 2 MB"] = _ =>
            {
                var big = new byte[TwoMegabytes + 10];
                Array.Fill(big, (byte)' ');
                return Task.FromResult(big);
            },
            ["addressed to a receiver other than TCT"] = _ => Task.FromResult(PackageDriver.Signed(PackageDriver.Options(1),
                p => p.Header.ReceiverCode = "V0309478306")),
            ["sent in the name of another T-VAN"] = _ => Task.FromResult(PackageDriver.Signed(
                PackageDriver.Options(1) with { SenderCode = "V0401486901" })),
            ["of the unsupported type 202"] = _ => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(1)), "<MLTDiep>206</MLTDiep>", "<MLTDiep>202</MLTDiep>")),
            ["reusing a message id for different content"] = MessageIdReusedAsync,
            ["missing SLuong in its header"] = _ => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(1)), "<SLuong>1</SLuong>", "")),
            ["of a malformed format version (PBan v2.1)"] = _ => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(1)), "<PBan>2.1.0</PBan>", "<PBan>v2.1</PBan>")),
            ["with a malformed message id (MTDiep)"] = _ => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(1)), $"<MTDiep>{DemoData.TvanCode}", $"<MTDiep>{DemoData.TvanCode}-")),
            ["with a message id not prefixed by its sender (MNGui)"] = _ => Task.FromResult(PackageDriver.Replace(
                PackageDriver.Signed(PackageDriver.Options(1)), $"<MTDiep>{DemoData.TvanCode}", $"<MTDiep>{OtherTvanCode}")),
        };

    public static Func<SimulatorDriver, Task<byte[]>> Get(string name) => ByName.TryGetValue(name, out var make) ? make
        : throw new ArgumentException($"Unknown message defect '{name}'. Known: {string.Join(", ", ByName.Keys.Select(k => $"'{k}'"))}");

    /// <summary>Sends a valid package, then returns other invoices under the same MTDiep.</summary>
    private static async Task<byte[]> MessageIdReusedAsync(SimulatorDriver simulator)
    {
        var options = PackageDriver.Options(2);
        var first = await simulator.SendAsync(PackageDriver.Signed(options));
        if (first.Ack?.Status != 0) throw new InvalidOperationException($"the first package was not received (HTTP {(int)first.Status})");
        return PackageDriver.Signed(PackageDriver.Options(2) with { MessageGuid = options.MessageGuid });
    }
}
