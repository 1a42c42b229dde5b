using System.Text;

namespace ConformanceKit.Provider.Import;

/// <summary>
/// RFC 4180 CSV: comma separator, fields optionally in double quotes (then holding commas, quotes
/// doubled as "" and line breaks), records ended by CRLF, LF or CR. Blank lines are skipped.
/// </summary>
internal static class CsvReader
{
    public static List<CsvRecord> Read(string text, List<CsvProblem> problems)
    {
        var records = new List<CsvRecord>();
        var i = 0;
        var line = 1;
        var field = new StringBuilder();
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var anyQuoted = false;
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"')
                {
                    anyQuoted = true;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (c == '\n') line++;
                        field.Append(c);
                        i++;
                    }
                    if (!closed) problems.Add(new CsvProblem(start, fields.Count, "a quoted value is not closed (missing \")"));
                    if (i < text.Length && !IsEnd(text[i]))
                    {
                        problems.Add(new CsvProblem(start, fields.Count, "text after the closing quote (quote the whole value and double inner quotes: \"\")"));
                        while (i < text.Length && !IsEnd(text[i])) field.Append(text[i++]);
                    }
                }
                else
                {
                    var quoteReported = false;
                    while (i < text.Length && !IsEnd(text[i]))
                    {
                        if (text[i] == '"' && !quoteReported)
                        {
                            problems.Add(new CsvProblem(start, fields.Count, "a quote inside an unquoted value (quote the whole value and double inner quotes: \"\")"));
                            quoteReported = true;
                        }
                        field.Append(text[i++]);
                    }
                }
                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }
                if (i < text.Length && text[i] == '\r') i++;
                if (i < text.Length && text[i] == '\n') i++;
                line++;
                break;
            }
            if (fields.Count == 1 && fields[0].Length == 0 && !anyQuoted) continue;
            records.Add(new CsvRecord(start, fields));
        }
        return records;
    }

    private static bool IsEnd(char c) => c is ',' or '\r' or '\n';
}
