namespace ConformanceKit.Einvoice.Serialization;

/// <summary>
/// Well-formed XML whose structure cannot be mapped onto the model: wrong root, a number that is
/// not a number, a value where elements were expected. Detailed findings are the schema
/// validator's job; this says where the reader had to give up.
/// </summary>
public sealed class MessageFormatException : Exception
{
    public MessageFormatException(string message, int line, int column, string? path, Exception? inner = null)
        : base(Describe(message, line, column, path), inner)
    {
        Reason = message;
        Line = line;
        Column = column;
        Path = path;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Element path, e.g. /TDiep/DLieu/HDon[2]/DLHDon/TTChung/NLap.</summary>
    public string? Path { get; }

    private static string Describe(string message, int line, int column, string? path)
    {
        var where = line > 0 ? $" at {line}:{column}" : string.Empty;
        return path is null ? message + where : $"{message}{where} ({path})";
    }
}
