using ConformanceKit.Features.Adapter;
using Io.Cucumber.Messages.Types;

namespace ConformanceKit.Features.AdapterTests;

/// <summary>How the adapter reads a .feature file: pickles, names, tags, keywords, language.</summary>
public sealed class FeatureFileTests
{
    [Fact]
    public void Every_scenario_and_Examples_row_is_a_pickle_named_distinctly()
    {
        var feature = SampleRun.Feature("Outcomes.feature");
        var names = feature.PickleList.Select(feature.DisplayName).ToList();
        Assert.Equal(9, names.Count);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("Adding to the counter [1, 1, 2]", names);
        Assert.Contains("Adding to the counter [5, 10, 15]", names);
    }

    [Fact]
    public void The_background_is_part_of_every_pickle()
    {
        var feature = SampleRun.Feature("Outcomes.feature");
        Assert.All(feature.PickleList, p => Assert.Equal("the sample background ran", p.Steps[0].Text));
    }

    [Fact]
    public void Tags_of_feature_and_scenario_become_the_test_case_categories()
    {
        var feature = SampleRun.Feature("Outcomes.feature");
        var ignored = feature.PickleList.Single(p => p.Name == "An ignored scenario");
        Assert.Equal(["adapter", "ignore"], FeatureFile.TagsOf(ignored));
        var row = feature.PickleList.First(p => p.Name == "Adding to the counter");
        Assert.Equal(["adapter", "outline"], FeatureFile.TagsOf(row));
    }

    [Fact]
    public void A_Vietnamese_feature_is_read_in_its_language_with_its_keywords()
    {
        var feature = SampleRun.Feature("TiengViet.feature");
        Assert.Equal("vi", feature.Info.Language.Name);
        Assert.Equal("Mẫu tiếng Việt", feature.Title);
        var pickle = Assert.Single(feature.PickleList);
        Assert.Equal(["Cho ", "Khi ", "Thì ", "Và "], pickle.Steps.Select(feature.KeywordOf));
        Assert.Equal([PickleStepType.CONTEXT, PickleStepType.ACTION, PickleStepType.OUTCOME, PickleStepType.OUTCOME], pickle.Steps.Select(s => s.Type));
    }

    [Fact]
    public async Task A_Vietnamese_scenario_runs_with_its_bindings()
    {
        var (error, log) = await SampleRun.RunAsync("TiengViet.feature", "Bộ đếm mẫu");
        Assert.Null(error);
        Assert.Equal(["before scenario", "bắt đầu 2", "không âm", "after scenario: passed"], log);
        Assert.True(SampleRuns.TestRunStarted, "[BeforeTestRun] did not run");
        Assert.Contains("Mẫu tiếng Việt", SampleRuns.FeaturesStarted); // [BeforeFeature] (tag-scoped: @adapter)
    }

    /// <summary>
    /// Every .feature file of Features/ (in the source tree and in the output) is discovered, as many test cases as its
    /// pickles (Gherkin compiled again here, apart from the adapter's cache), none without any: a file that is not
    /// copied, cannot be read or holds no scenario shows here, whatever the number of scenarios.
    /// </summary>
    [Fact]
    public void Every_feature_file_of_Features_becomes_as_many_test_cases_as_its_pickles()
    {
        var source = Path.Combine(RepoPaths.Root, "features", FeatureFolder.Default);
        var inSource = Directory.GetFiles(source, "*.feature", SearchOption.AllDirectories)
            .Select(f => FeatureFolder.Default + "/" + Path.GetRelativePath(source, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(inSource);
        Assert.Equal(inSource, FeatureFolder.Files(FeatureFolder.Default));

        var cases = DiscoveryTests.Discover(typeof(AllFeatures));
        Assert.All(cases, c => Assert.IsType<ScenarioTestCase>(c)); // no file failed to parse
        var byFile = cases.Cast<ScenarioTestCase>().GroupBy(c => c.FeaturePath).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(inSource, byFile.Keys.Order(StringComparer.Ordinal));
        foreach (var file in inSource)
        {
            var ast = new Gherkin.Parser().Parse(new StringReader(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file))));
            var ids = new Gherkin.CucumberMessages.IncrementingIdGenerator();
            var pickles = new Gherkin.CucumberMessages.Pickles.PickleCompiler(ids)
                .Compile(new Gherkin.CucumberMessages.AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, file)).Count;
            Assert.True(pickles > 0, $"{file} holds no scenario");
            Assert.True(byFile[file] == pickles, $"{file}: {byFile[file]} test cases for {pickles} pickles");
        }
        Assert.Equal(inSource.Count, cases.Select(c => c.TestMethod.TestClass.TestCollection.UniqueID).Distinct().Count());
    }
}
