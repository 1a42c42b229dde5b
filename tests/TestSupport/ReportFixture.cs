using System.Text;
using ConformanceKit.Harness.Reports;

namespace ConformanceKit.TestSupport;

/// <summary>
/// A temp folder with two signing keys (made once per test class) and a sample RunReport: a passed, a failed
/// (with findings) and an error case, with XML bodies holding '&lt;', '&amp;' and Vietnamese text.
/// Never touches the user's home: every key has an explicit path here.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public ReportFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ck-reports-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        KeyA = ReportSigner.Resolve(Path.Combine(Root, "keys", "a.pfx"));
        KeyB = ReportSigner.Resolve(Path.Combine(Root, "keys", "b.pfx"));
    }

    public string Root { get; }

    /// <summary>The key the reports are normally signed with.</summary>
    public ReportSigner KeyA { get; }

    /// <summary>Another key: valid signatures, but not the one a certifier pinned.</summary>
    public ReportSigner KeyB { get; }

    /// <summary>A new empty folder of its own (tests run in parallel).</summary>
    public string NewFolder()
    {
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The three reports of <see cref="Sample"/>, signed with <paramref name="signer"/> (default: key A).</summary>
    public async Task<Written> WriteAsync(ReportSigner? signer = null, RunReport? report = null)
    {
        var folder = NewFolder();
        var paths = await ReportWriter.WriteAllAsync(report ?? Sample(), folder, signer ?? KeyA);
        return new Written(folder, paths);
    }

    public sealed record Written(string Folder, IReadOnlyList<string> Paths)
    {
        public string Json => Path.Combine(Folder, ReportWriter.JsonFile);
        public string Junit => Path.Combine(Folder, ReportWriter.JunitFile);
        public string Html => Path.Combine(Folder, ReportWriter.HtmlFile);
    }

    public const string FailedFindingMessage = "Chữ ký số của người bán không hợp lệ: <DSCKS> & NNT missing";
    public const string SessionId = "20250615-0930-7f3a";

    public static RunReport Sample()
    {
        var started = new DateTimeOffset(2025, 6, 15, 9, 30, 0, TimeSpan.FromHours(7));
        const string request = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TDiep><TTChung><MLTDiep>206</MLTDiep></TTChung>" +
                               "<DLieu><HDon><TNBan>Cửa hàng Ánh &amp; Sơn</TNBan><Ghi>a &lt; b</Ghi></HDon></DLieu></TDiep>";
        const string response = "<TDiep><DLieu><TBao><MTDiep>V0309478306ABC</MTDiep><TTTNhan>0</TTTNhan></TBao></DLieu></TDiep>";
        var cases = new List<CaseReport>
        {
            new()
            {
                Id = "RCV-1001-01", TitleEn = "A valid package is taken", TitleVi = "Gói hợp lệ được tiếp nhận",
                Rule = "Decision 1391/QĐ-TCT step 1", Polarity = "positive", Group = "reception",
                Outcome = CaseOutcome.Passed, DurationMs = 120, Expected = "999 TTTNhan 0; 204 LTBao 2",
                Exchanges =
                [
                    new Exchange
                    {
                        Step = "submit", Method = "POST", Url = "http://127.0.0.1:5080/api/v1/messages", Status = 200,
                        RequestExcerpt = request, ResponseExcerpt = response, At = started.AddSeconds(1), DurationMs = 35,
                    },
                ],
            },
            new()
            {
                Id = "KTDL-2002-01", TitleEn = "A package with a broken signature is rejected with 4001",
                TitleVi = "Gói có chữ ký sai bị từ chối với mã 4001", Rule = "Decision 1391/QĐ-TCT step 2, check 1",
                Polarity = "negative", Group = "data-check", Outcome = CaseOutcome.Failed, DurationMs = 480,
                Expected = "204 LTBao 7 with exactly {4001}",
                Findings =
                [
                    new Finding
                    {
                        Severity = FindingSeverity.Error, Code = "4001", Message = FailedFindingMessage,
                        MessageId = "V0309478306ABC", Invoice = "M1-25-A1B2C-00000000001", Location = "/TDiep/CKSNNT",
                    },
                    new Finding { Severity = FindingSeverity.Warning, Code = "W003", Message = "tổng tiền lệch 1 đồng" },
                ],
                Exchanges =
                [
                    new Exchange
                    {
                        Step = "submit", Method = "POST", Url = "http://127.0.0.1:5080/api/v1/messages", Status = 200,
                        RequestExcerpt = request, ResponseExcerpt = response, At = started.AddSeconds(2), DurationMs = 41,
                    },
                    new Exchange
                    {
                        Step = "poll", Method = "GET", Url = "http://127.0.0.1:5080/api/v1/messages/V0309478306ABC/responses",
                        Status = 404, ResponseExcerpt = "{\"title\":\"not found\"}", At = started.AddSeconds(3), DurationMs = 3,
                    },
                ],
            },
            new()
            {
                Id = "FLOW-3001-01", TitleEn = "The notice arrives within the deadline", TitleVi = "Thông báo đến đúng hạn",
                Rule = "Decision 1391/QĐ-TCT, deadline", Polarity = "positive", Group = "flow",
                Outcome = CaseOutcome.Error, DurationMs = 30_000,
                Findings = [new Finding { Severity = FindingSeverity.Error, Message = "target unreachable: connection refused" }],
            },
            new()
            {
                Id = "RCV-1001-02", TitleEn = "An empty body is refused", TitleVi = "Thân rỗng bị từ chối",
                Rule = "seed 000: cannot read", Polarity = "negative", Group = "reception",
                Outcome = CaseOutcome.Passed, DurationMs = 15,
            },
        };
        return new RunReport
        {
            Kind = "run",
            SessionId = SessionId,
            Tool = new ToolInfo("ck", "0.4.0"),
            CatalogueVersion = "2025.06",
            Target = new TargetInfo("http://127.0.0.1:5080", "in-process simulator (SQLite)"),
            StartedAt = started,
            FinishedAt = started.AddSeconds(31),
            Options = new Dictionary<string, string> { ["filter"] = "*", ["parallel"] = "4" },
            Summary = ReportSummary.Of(cases, TimeSpan.FromSeconds(31)),
            Cases = cases,
        };
    }

    /// <summary>The file with the one occurrence of <paramref name="from"/> replaced (same length: a one-byte edit).</summary>
    public static void Edit(string path, string from, string to)
    {
        var text = File.ReadAllText(path, Encoding.UTF8);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not found in {path}");
        File.WriteAllText(path, text[..at] + to + text[(at + from.Length)..], new UTF8Encoding(false));
    }

    public void Dispose()
    {
        KeyA.Dispose();
        KeyB.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a browser may still hold a file
        }
    }
}
