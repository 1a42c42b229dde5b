namespace ConformanceKit.TaxAuthoritySim.Hosting;

/// <summary>Turns an exception that stopped start-up into the one line Program prints after "error: ".</summary>
public static class StartupError
{
    public static string Describe(Exception ex)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } single) return Describe(single.InnerExceptions[0]);
        var text = Message(ex);
        // The cause often says what the outer message does not ("Failed to connect to …" ← "Connection refused").
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            var more = Message(inner);
            if (more.Length > 0 && !text.Contains(more, StringComparison.Ordinal)) text += ": " + more;
        }
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Message(Exception ex)
    {
        var message = ex.Message;
        // ArgumentException appends " (Parameter 'name')": the name of a C# parameter means nothing to the user.
        if (ex is ArgumentException { ParamName: { } name } && message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal))
            message = message[..^$" (Parameter '{name}')".Length];
        return message.Trim();
    }
}
