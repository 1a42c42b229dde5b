using ConformanceKit.Conformance.Cli;
using ConformanceKit.Einvoice.Validation;
using ConformanceKit.Einvoice.Xml;

namespace ConformanceKit.Conformance.Commands.Validate;

/// <summary>`ck validate`: validates each input and reports; testable without a console.</summary>
public sealed class ValidateCommand(
    IReadOnlyList<string> paths, bool json, bool checkSignatures, bool advisory, IReadOnlyList<string>? blocks, CliIO io)
{
    /// <summary>One input and what became of it.</summary>
    public sealed record Outcome(string Name, ValidationResult? Result, string? ReadError);

    public int Execute()
    {
        var options = new ValidationOptions
        {
            CheckSignatures = checkSignatures,
            Advisory = advisory,
            IssuedCodeBlocks = blocks is { Count: > 0 } ? blocks.ToHashSet(StringComparer.Ordinal) : null,
        };
        var outcomes = new List<Outcome>();
        foreach (var (name, read) in Inputs())
        {
            byte[] bytes;
            try
            {
                bytes = read();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                outcomes.Add(new Outcome(name, null, ex.Message));
                continue;
            }
            outcomes.Add(new Outcome(name, MessageValidator.Validate(bytes, options), null));
        }
        if (json) ValidationJson.Write(outcomes, io.Out);
        else ValidationTable.Write(outcomes, io);

        if (outcomes.Count == 0 || outcomes.Any(o => o.ReadError is not null)) return ExitCodes.Usage;
        return outcomes.All(o => o.Result!.IsValid) ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private IEnumerable<(string Name, Func<byte[]> Read)> Inputs()
    {
        foreach (var path in paths)
        {
            if (path == "-")
            {
                yield return ("<stdin>", () => ReadBounded(io.OpenStdin()));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*.xml", SearchOption.AllDirectories)
                    .Order(StringComparer.Ordinal).ToList();
                if (files.Count == 0)
                    yield return (path, () => throw new IOException("the folder holds no *.xml file"));
                foreach (var file in files)
                    yield return (file, () => ReadFile(file));
            }
            else
            {
                yield return (path, () => ReadFile(path));
            }
        }
    }

    private static byte[] ReadFile(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no such file: {path}");
        using var stream = File.OpenRead(path);
        return ReadBounded(stream);
    }

    /// <summary>Reads at most one byte past the message limit: enough for the validator to say 1002.</summary>
    private static byte[] ReadBounded(Stream stream)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > SafeXml.MaxMessageBytes) break;
        }
        return ms.ToArray();
    }
}
