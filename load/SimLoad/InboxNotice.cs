namespace ConformanceKit.Load.SimLoad;

/// <summary>One response TDiep read from the inbox feed (a 999, 204, …), reduced to what the run needs.</summary>
/// <param name="Type">MLTDiep, e.g. "999" or "204".</param>
/// <param name="MessageId">MTDiep of the response itself.</param>
/// <param name="ReferenceId">MTDTChieu: the MTDiep of the package it answers.</param>
/// <param name="Kind">LTBao of a 204 (2 valid, 7 failed); 0 when absent.</param>
/// <param name="Errors">DSLDo/LDo of a 204 (empty when valid).</param>
public sealed record InboxNotice(string? Type, string? MessageId, string? ReferenceId, int Kind, IReadOnlyList<NoticeError> Errors);

/// <summary>One LDo of a 204: MLoi, MTLoi, GChu.</summary>
public sealed record NoticeError(string? Code, string? Text, string? Where)
{
    public override string ToString() => $"{Code} {Text}{(string.IsNullOrEmpty(Where) ? "" : $" [{Where}]")}";
}
