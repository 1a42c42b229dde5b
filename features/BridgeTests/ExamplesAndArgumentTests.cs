using ConformanceKit.Features.Bridge;

namespace ConformanceKit.Features.BridgeTests;

public sealed class ExamplesAndArgumentTests
{
    private const string Outline = """
        Feature: Selling
          Scenario Outline: Count <count>
            Then it has <count> items costing <price> named "<name>" with serial 99999999999

            Examples:
              | count | price | name   |
              | 1     | 1.25  | phở    |
              | 2     | 10    | bún    |
            Examples: more
              | count | price | name   |
              | 30    | 0.5   | cà phê |
        """;

    [Fact]
    public void An_Examples_table_expands_to_one_case_per_row_with_readable_names()
    {
        var scenarios = BridgeRun.Parse(Outline).Scenarios;
        Assert.Equal(["Selling: Count 1 [1, 1.25, phở]", "Selling: Count 2 [2, 10, bún]", "Selling: Count 30 [30, 0.5, cà phê]"],
            scenarios.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task Regex_groups_are_converted_to_int_decimal_string_and_long()
    {
        var calls = await BridgeRun.RunAsync(Outline);
        Assert.Equal(["then:2|2.50|phở|100000000000", "then:3|20|bún|100000000000", "then:31|1.0|cà phê|100000000000"], calls);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_fails_naming_the_binding()
    {
        var e = await Assert.ThrowsAsync<ScenarioFailedException>(() => BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Then it has 99999999999 items costing 1 named "x" with serial 1
            """));
        Assert.Contains("cannot convert '99999999999' to Int32", e.Message);
    }

    [Fact]
    public async Task Tables_and_doc_strings_are_passed_as_the_last_parameter()
    {
        var calls = await BridgeRun.RunAsync("""
            Feature: F
              Scenario: S
                Then these lines:
                  | name | qty |
                  | phở  | 2   |
                  | bún  | 1   |
                And this text:
                  \"\"\"
                  Cảm ơn quý khách
                  \"\"\"
            """.Replace("\\\"", "\"", StringComparison.Ordinal));
        Assert.Equal(["table:phở=2;bún=1", "doc:Cảm ơn quý khách"], calls);
    }

    [Fact]
    public void Every_feature_file_is_run_by_a_test_class()
    {
        var run = typeof(FeatureTest).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(FeatureTest)))
            .SelectMany(t => t.GetMethods()).SelectMany(m => m.GetCustomAttributes(typeof(MemberDataAttribute), false))
            .Cast<MemberDataAttribute>().Select(a => (string)a.Parameters[0]).ToHashSet();
        Assert.NotEmpty(FeatureCatalog.Files);
        Assert.All(FeatureCatalog.Files, f => Assert.Contains(f, run));
    }
}
