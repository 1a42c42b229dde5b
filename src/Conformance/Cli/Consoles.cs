using Spectre.Console;

namespace ConformanceKit.Conformance.Cli;

/// <summary>Spectre consoles over a writer: colours on a terminal, plain and wide when redirected.</summary>
public static class Consoles
{
    public static IAnsiConsole For(TextWriter writer, bool isTerminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (files, CI logs) is read later, not on an 80-column screen.
        if (!isTerminal) console.Profile.Width = 200;
        return console;
    }
}
