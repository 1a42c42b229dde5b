namespace ConformanceKit.Features.Drivers;

/// <summary>One error of a rejected sale file's report (<c>.errors.csv</c>: file, row, column, message).</summary>
public sealed record SaleFileError(string File, int Row, string Column, string Message)
{
    /// <summary>The errors of a report as the provider wrote it (the message, last, may hold commas).</summary>
    public static IReadOnlyList<SaleFileError> Read(string report) =>
        [.. report.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r').Split(',', 4))
            .Select(c => new SaleFileError(c[0], int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), c[2], c.Length > 3 ? c[3] : ""))];
}
