using System.Text;
using System.Text.Json;

namespace ConformanceKit.Conformance.Tests.Validate;

public class ValidateCommandTests
{
    private static string Sample(string name) => Path.Combine(RepoPaths.Samples, name);

    [Fact]
    public async Task A_valid_package_exits_0_and_says_so()
    {
        var run = await Ck.RunAsync(["validate", Sample("valid/206-valid.xml")]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("valid", run.Out);
        Assert.Contains("signature NNT valid", run.Out);
    }

    [Fact]
    public async Task An_invalid_package_exits_1_and_lists_code_location_and_path()
    {
        var run = await Ck.RunAsync(["validate", Sample("invalid/206-3001-schema.xml")]);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("3001", run.Out);
        Assert.Contains("/TDiep/DLieu/HDon[2]/DLHDon/NDHDon/DSHHDVu/HHDVu[1]/TSuat", run.Out);
    }

    [Fact]
    public async Task A_folder_is_validated_file_by_file()
    {
        var run = await Ck.RunAsync(["validate", "--format", "json", Path.Combine(RepoPaths.Samples, "invalid")]);
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var files = json.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.True(files.Count >= 8);
        Assert.All(files, f => Assert.False(f.GetProperty("valid").GetBoolean()));
        Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Json_carries_every_field_of_a_finding()
    {
        var run = await Ck.RunAsync(["validate", "-f", "json", Sample("invalid/206-7004-code-type.xml")]);
        using var json = JsonDocument.Parse(run.Out);
        var finding = json.RootElement.GetProperty("files")[0].GetProperty("findings")[0];
        Assert.Equal("7004", finding.GetProperty("code").GetString());
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal("/TDiep/DLieu/HDon[1]/MCCQT", finding.GetProperty("path").GetString());
        Assert.Equal(1, finding.GetProperty("invoice").GetInt32());
        Assert.True(finding.GetProperty("line").GetInt32() > 0);
        Assert.Equal("C2 = 1", finding.GetProperty("expected").GetString());
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        var run = await Ck.RunAsync(["validate", "-"], File.ReadAllBytes(Sample("valid/206-valid.xml")));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<stdin>", run.Out);
    }

    [Fact]
    public async Task The_real_sample_is_valid_and_a_tampered_copy_is_not()
    {
        var real = await Ck.RunAsync(["validate", RepoPaths.RealSample202]);
        Assert.Equal(0, real.ExitCode);
        Assert.Contains("signature NBan valid", real.Out);
        Assert.Contains("signature Tct-uuid valid", real.Out);

        var tampered = File.ReadAllText(RepoPaths.RealSample202).Replace("Ve SG DN", "Ve SG HN", StringComparison.Ordinal);
        var run = await Ck.RunAsync(["validate", "-"], Encoding.UTF8.GetBytes(tampered));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("signature NBan INVALID", run.Out);
        Assert.Contains("#TS24_2111051448445960106322455", run.Out);
    }

    [Fact]
    public async Task A_missing_file_exits_2()
    {
        var run = await Ck.RunAsync(["validate", "/no/such/file.xml"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read", run.Out);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "--format", "yaml", "x.xml")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var run = await Ck.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error:", run.Error);
    }

    [Fact]
    public async Task Help_explains_the_command()
    {
        var run = await Ck.RunAsync(["validate", "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Exit codes", run.Out);
        Assert.Contains("--format", run.Out);
    }
}
