namespace ConformanceKit.Provider.Import;

/// <summary>One CSV record: its fields and the file line it starts on (1-based).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A malformed CSV record: its first line, the 0-based field index, and what is wrong.</summary>
internal sealed record CsvProblem(int Line, int Field, string Message);
