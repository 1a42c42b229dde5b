namespace ConformanceKit.Load.SimLoad;

/// <summary>One pre-generated, signed 206 ready to post: its bytes and its MTDiep (to match the 204).</summary>
public sealed record GeneratedPackage(int Index, string MessageId, byte[] Bytes);
