using ConformanceKit.Conformance.Reports;

namespace ConformanceKit.Conformance.Observe;

/// <summary>One judgement of an observation; each becomes one case of the report (its duration is set by the caller).</summary>
public interface IObservationCheck
{
    CaseReport Judge(Observation observation);
}
