using ConformanceKit.Harness.Reports;

namespace ConformanceKit.Harness.Observe;

/// <summary>One judgement of an observation; each becomes one case of the report (its duration is set by the caller).</summary>
public interface IObservationCheck
{
    CaseReport Judge(Observation observation);
}
