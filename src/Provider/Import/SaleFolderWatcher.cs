using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// The folder connection mode: a shop drops sale files (CSV or JSON, docs/provider-import.md) into an
/// inbox; each file is issued as a whole or not at all. A correct file's sales go to the intake with
/// sale id <c>file:&lt;file name&gt;:&lt;sale_id&gt;</c> — the intake being idempotent, a crash mid-file
/// and the re-import that follows never issue a sale twice — and the file moves to <c>done/</c> with a
/// <c>&lt;name&gt;.invoices.csv</c>. A file with any mapping error sends nothing and moves to
/// <c>rejected/</c> with a <c>&lt;name&gt;.errors.csv</c>. When the provider fails (I/O, database), the
/// file stays in the inbox and is tried again at the next scan. Correction rows (cancel, replace, adjust) go to the
/// <see cref="ICorrectionIntake"/> under the same ids, each checked against the chain rules before anything of the file
/// is sent (docs/provider-import.md#corrections).
/// </summary>
public sealed class SaleFolderWatcher
{
    private readonly ISaleIntake _intake;
    private readonly ICorrectionIntake? _corrections;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly SemaphoreSlim _scanning = new(1, 1);
    private Dictionary<string, (long Size, DateTime Modified)> _previous = new(StringComparer.Ordinal);

    /// <param name="intake">Where the sales go.</param>
    /// <param name="inbox">The folder watched; done/ and rejected/ are created inside it.</param>
    /// <param name="pollInterval">The time between two scans of <see cref="RunAsync"/> (e.g. 2 s).</param>
    /// <param name="time">The clock for the scan loop and the names of moved files (system clock by default).</param>
    /// <param name="log">Progress and failures (nothing by default).</param>
    public SaleFolderWatcher(ISaleIntake intake, string inbox, TimeSpan pollInterval, TimeProvider? time = null, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentException.ThrowIfNullOrWhiteSpace(inbox);
        if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), "the poll interval must be positive");
        _intake = intake;
        _corrections = intake as ICorrectionIntake;
        Inbox = Path.GetFullPath(inbox);
        _pollInterval = pollInterval;
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger.Instance;
    }

    /// <summary>The watched folder (full path).</summary>
    public string Inbox { get; }

    /// <summary>Where imported files go, each with its .invoices.csv.</summary>
    public string DoneFolder => Path.Combine(Inbox, "done");

    /// <summary>Where files with mapping errors go, each with its .errors.csv.</summary>
    public string RejectedFolder => Path.Combine(Inbox, "rejected");

    /// <summary>
    /// False (the default): a file is imported only once its size and modification time are the same
    /// in two consecutive scans, so a file still being written is left alone. True: every .csv/.json
    /// in the inbox is complete — the writers write <c>name.tmp</c> and then rename it — and is
    /// imported at first sight.
    /// </summary>
    public bool AssumeComplete { get; init; }

    /// <summary>Scans every poll interval until cancelled; a failing scan is logged and the loop goes on.</summary>
    /// <returns>A task that completes (without throwing) when <paramref name="cancellationToken"/> is cancelled.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _log.LogInformation("watching {Inbox} for sale files (*.csv, *.json) every {Interval}", Inbox, _pollInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ScanOnceAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _log.LogWarning("scanning {Inbox} failed: {Message}", Inbox, e.Message);
                try
                {
                    await Task.Delay(_pollInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// One scan: imports the settled sale files of the inbox, oldest first (see <see cref="AssumeComplete"/>).
    /// Scans never overlap: a call made during another one waits for it.
    /// </summary>
    public async Task<FolderScanResult> ScanOnceAsync(CancellationToken cancellationToken)
    {
        await _scanning.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(DoneFolder);
            Directory.CreateDirectory(RejectedFolder);
            var seen = new Dictionary<string, (long Size, DateTime Modified)>(StringComparer.Ordinal);
            var ready = new List<FileInfo>();
            var waiting = new List<string>();
            foreach (var file in new DirectoryInfo(Inbox).EnumerateFiles()
                         .Where(f => SaleFileParser.FormatOf(f.Name) is not null)
                         .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal))
            {
                var signature = (file.Length, file.LastWriteTimeUtc);
                seen[file.Name] = signature;
                if (AssumeComplete || (_previous.TryGetValue(file.Name, out var before) && before == signature)) ready.Add(file);
                else waiting.Add(file.Name);
            }
            _previous = seen;

            var results = new List<FileImportResult>();
            foreach (var file in ready)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results.Add(await ImportAsync(file, cancellationToken).ConfigureAwait(false));
            }
            return new FolderScanResult(results, waiting);
        }
        finally
        {
            _scanning.Release();
        }
    }

    private async Task<FileImportResult> ImportAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var name = file.Name;
        SaleFileParseResult parsed;
        try
        {
            parsed = SaleFileParser.Parse(name, await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false),
                SaleFileParser.FormatOf(name)!.Value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.LogWarning("{File}: cannot be read yet ({Message}); trying again next scan", name, e.Message);
            return new FileImportResult(name, FileImportOutcome.Retry, null, [], [], e.Message);
        }
        if (!parsed.Ok)
        {
            _log.LogWarning("{File}: {Count} mapping error(s), nothing sent; moved to rejected/", name, parsed.Errors.Count);
            return Reject(file, parsed.Errors, []);
        }

        var receipts = new List<SaleReceipt>();
        var corrections = new List<CorrectionReceipt>();
        var rows = new List<string[]>();
        var column = SaleFileParser.FormatOf(name) == SaleFileFormat.Csv ? "related_code" : "relatedCode";
        if (CheckCorrections(name, parsed.Sales, column) is { Count: > 0 } refused)
        {
            _log.LogWarning("{File}: {Count} correction(s) refused, nothing sent; moved to rejected/", name, refused.Count);
            return Reject(file, refused, []);
        }
        foreach (var sale in parsed.Sales)
        {
            var id = $"file:{name}:{sale.SaleId}";
            try
            {
                if (sale.Correction is { } c)
                {
                    var done = await _corrections!.SubmitCorrectionAsync(id, c.Request(sale.Sale), sale.RegisterId, cancellationToken)
                        .ConfigureAwait(false);
                    corrections.Add(done);
                    rows.Add(Row(name, done));
                }
                else
                {
                    var receipt = await _intake.SubmitAsync(id, sale.Sale, sale.RegisterId, cancellationToken).ConfigureAwait(false);
                    receipts.Add(receipt);
                    rows.Add(Row(name, receipt));
                }
            }
            catch (Exception e) when (e is ArgumentException or CorrectionRefusedException)
            {
                // A sale: cannot happen for a file the parser accepted. A correction: a rule changed since the check (an
                // earlier row of the file corrected the same invoice). The rows before this one stay done.
                var at = sale.Correction is null ? (SaleFileParser.FormatOf(name) == SaleFileFormat.Csv ? "sale_id" : "saleId") : column;
                var error = new MappingError(name, sale.Row, at,
                    sale.Correction is null ? $"the provider refused sale '{sale.SaleId}': {e.Message}" : $"the correction is refused: {e.Message}");
                _log.LogWarning("{File}: {Error}; {Issued} row(s) before it were done; moved to rejected/", name, error.Message, rows.Count);
                return Reject(file, [error], receipts, rows, corrections);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _log.LogWarning("{File}: the provider failed at sale '{SaleId}' ({Message}); trying the file again next scan",
                    name, sale.SaleId, e.Message);
                return new FileImportResult(name, FileImportOutcome.Retry, null, receipts, [], e.Message, corrections);
            }
        }

        var moved = Target(DoneFolder, name);
        WriteInvoices(moved + ".invoices.csv", rows, corrections.Count > 0);
        File.Move(file.FullName, moved);
        _log.LogInformation("{File}: {Count} sale(s) issued, {Corrections} correction(s) done; moved to done/", name, receipts.Count, corrections.Count);
        return new FileImportResult(name, FileImportOutcome.Done, moved, receipts, [], null, corrections);
    }

    /// <summary>Every correction row the chain rules refuse now (or no provider for corrections): the file sends nothing.</summary>
    private List<MappingError> CheckCorrections(string name, IReadOnlyList<ImportedSale> sales, string column)
    {
        var errors = new List<MappingError>();
        foreach (var sale in sales.Where(s => s.Correction is not null))
        {
            var why = _corrections is null
                ? "this provider takes no corrections from files"
                : _corrections.CheckCorrection($"file:{name}:{sale.SaleId}", sale.Correction!.Request(sale.Sale));
            if (why is not null) errors.Add(new MappingError(name, sale.Row, column, "the correction is refused: " + why));
        }
        return errors;
    }

    private FileImportResult Reject(FileInfo file, IReadOnlyList<MappingError> errors, IReadOnlyList<SaleReceipt> issued,
        IReadOnlyList<string[]>? rows = null, IReadOnlyList<CorrectionReceipt>? corrections = null)
    {
        var moved = Target(RejectedFolder, file.Name);
        CsvWriter.Write(moved + ".errors.csv",
            new[] { new[] { "file", "row", "column", "message" } }.Concat(errors.Select(e =>
                new[] { e.File, e.Row.ToString(CultureInfo.InvariantCulture), e.Column, e.Message })));
        if (rows is { Count: > 0 }) WriteInvoices(moved + ".invoices.csv", rows, corrections is { Count: > 0 });
        File.Move(file.FullName, moved);
        return new FileImportResult(file.Name, FileImportOutcome.Rejected, moved, issued, errors, null, corrections ?? []);
    }

    /// <summary>The .invoices.csv; with corrections, three more columns: correction, related_code, notice (the 303's MTDiep).</summary>
    private static void WriteInvoices(string path, IReadOnlyList<string[]> rows, bool corrections)
    {
        string[] header = ["sale_id", "code", "tax_code", "number", "total"];
        CsvWriter.Write(path, new[] { corrections ? [.. header, "correction", "related_code", "notice"] : header }
            .Concat(rows.Select(r => corrections || r.Length == header.Length ? r : r[..header.Length])));
    }

    private static string[] Row(string name, SaleReceipt r) =>
    [
        SaleIdInFile(name, r.SaleId), r.Invoice.Code.Value, r.Invoice.TaxCode, r.Invoice.Record.Number,
        r.Invoice.Totals.TotalPayable.ToString(CultureInfo.InvariantCulture), "", "", "",
    ];

    /// <summary>A correction's row: the new invoice (replacement, adjustment) or, for a cancel, the invoice cancelled.</summary>
    private static string[] Row(string name, CorrectionReceipt r) =>
    [
        SaleIdInFile(name, r.RequestId), r.Code, r.Invoice?.TaxCode ?? "", r.Invoice?.Record.Number ?? "",
        r.Invoice is { } i ? (r.Request.Kind == CorrectionKind.AdjustDecrease ? -i.Totals.TotalPayable : i.Totals.TotalPayable).ToString(CultureInfo.InvariantCulture) : "",
        Kind(r.Request.Kind), r.Request.Code, r.Notice ?? "",
    ];

    internal static string Kind(CorrectionKind kind) => kind switch
    {
        CorrectionKind.Cancel => "cancel",
        CorrectionKind.Replace => "replace",
        CorrectionKind.AdjustIncrease => "adjust_increase",
        _ => "adjust_decrease",
    };

    /// <summary>"file:&lt;name&gt;:&lt;sale_id&gt;" → "&lt;sale_id&gt;".</summary>
    private static string SaleIdInFile(string name, string saleId) =>
        saleId.StartsWith($"file:{name}:", StringComparison.Ordinal) ? saleId[($"file:{name}:".Length)..] : saleId;

    /// <summary>The path in done/ or rejected/; a name already there gets a UTC time prefix, not an overwrite.</summary>
    private string Target(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!Exists(path)) return path;
        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        for (var n = 1; ; n++)
        {
            path = Path.Combine(folder, n == 1 ? $"{stamp}-{name}" : $"{stamp}-{n}-{name}");
            if (!Exists(path)) return path;
        }
    }

    private static bool Exists(string path) => File.Exists(path) || File.Exists(path + ".errors.csv") || File.Exists(path + ".invoices.csv");
}
