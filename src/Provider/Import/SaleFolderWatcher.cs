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
/// file stays in the inbox and is tried again at the next scan.
/// </summary>
public sealed class SaleFolderWatcher
{
    private readonly ISaleIntake _intake;
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
        foreach (var sale in parsed.Sales)
        {
            try
            {
                receipts.Add(await _intake.SubmitAsync($"file:{name}:{sale.SaleId}", sale.Sale, sale.RegisterId, cancellationToken)
                    .ConfigureAwait(false));
            }
            catch (ArgumentException e)
            {
                // Cannot happen for a file the parser accepted; the sales before this one stay issued.
                var column = SaleFileParser.FormatOf(name) == SaleFileFormat.Csv ? "sale_id" : "saleId";
                var error = new MappingError(name, sale.Row, column, $"the provider refused sale '{sale.SaleId}': {e.Message}");
                _log.LogWarning("{File}: {Error}; {Issued} sale(s) before it were issued; moved to rejected/", name, error.Message, receipts.Count);
                return Reject(file, [error], receipts);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                _log.LogWarning("{File}: the provider failed at sale '{SaleId}' ({Message}); trying the file again next scan",
                    name, sale.SaleId, e.Message);
                return new FileImportResult(name, FileImportOutcome.Retry, null, receipts, [], e.Message);
            }
        }

        var moved = Target(DoneFolder, name);
        WriteInvoices(moved + ".invoices.csv", name, receipts);
        File.Move(file.FullName, moved);
        _log.LogInformation("{File}: {Count} sale(s) issued; moved to done/", name, receipts.Count);
        return new FileImportResult(name, FileImportOutcome.Done, moved, receipts, []);
    }

    private FileImportResult Reject(FileInfo file, IReadOnlyList<MappingError> errors, IReadOnlyList<SaleReceipt> issued)
    {
        var moved = Target(RejectedFolder, file.Name);
        CsvWriter.Write(moved + ".errors.csv",
            new[] { new[] { "file", "row", "column", "message" } }.Concat(errors.Select(e =>
                new[] { e.File, e.Row.ToString(CultureInfo.InvariantCulture), e.Column, e.Message })));
        if (issued.Count > 0) WriteInvoices(moved + ".invoices.csv", file.Name, issued);
        File.Move(file.FullName, moved);
        return new FileImportResult(file.Name, FileImportOutcome.Rejected, moved, issued, errors);
    }

    private static void WriteInvoices(string path, string name, IReadOnlyList<SaleReceipt> receipts) =>
        CsvWriter.Write(path, new[] { new[] { "sale_id", "code", "tax_code", "number", "total" } }.Concat(receipts.Select(r =>
            new[]
            {
                SaleIdInFile(name, r.SaleId), r.Invoice.Code.Value, r.Invoice.TaxCode, r.Invoice.Record.Number,
                r.Invoice.Totals.TotalPayable.ToString(CultureInfo.InvariantCulture),
            })));

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
