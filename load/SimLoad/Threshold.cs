namespace ConformanceKit.Load.SimLoad;

/// <summary>
/// A pass/fail condition on a target's figures (as NBomber's <c>Threshold.Create</c>), with the
/// actual value spelled out for the verdict line.
/// </summary>
public sealed record Threshold(string Name, Func<TargetResult, bool> AppliesTo, Func<TargetResult, bool> Check, Func<TargetResult, string> Actual)
{
    public static Threshold Create(string name, Func<TargetResult, bool> appliesTo, Func<TargetResult, bool> check, Func<TargetResult, string> actual) =>
        new(name, appliesTo, check, actual);

    public ThresholdResult Evaluate(TargetResult result) => new(result.Name, Name, Check(result), Actual(result));
}

/// <summary>One threshold judged on one target.</summary>
public sealed record ThresholdResult(string Target, string Threshold, bool Passed, string Actual);
