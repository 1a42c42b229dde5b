using ConformanceKit.Conformance.Cli;

return await CkCli.RunAsync(args, CliIO.FromConsole());
