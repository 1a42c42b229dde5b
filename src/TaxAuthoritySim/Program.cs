using ConformanceKit.TaxAuthoritySim.Hosting;

// The simulated tax-authority portal. See README.md and docs/simulator.md.
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    Console.WriteLine(SimulatorApp.Usage);
    return 0;
}

// Until the simulator listens, a failure is a mistake in the options, the seed or the surroundings (a
// folder that cannot be written, a database that does not answer, a port in use): say what in one
// line, exit 2, no stack trace. The host would log its own "Hosting failed to start" with the trace:
// that log is muted until start-up is over (later failures of the host are logged as usual).
var starting = true;
WebApplication app;
try
{
    app = SimulatorApp.Build(args, builder => builder.Logging.AddFilter(
        "Microsoft.Extensions.Hosting.Internal.Host",
        level => level >= LogLevel.Information && (!Volatile.Read(ref starting) || level < LogLevel.Error)));
    await app.StartAsync();
}
catch (Exception ex)
{
    Console.Error.WriteLine("error: " + StartupError.Describe(ex));
    return 2;
}
Volatile.Write(ref starting, false);

await using (app)
{
    await app.WaitForShutdownAsync();
}
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
