namespace ConformanceKit.TaxAuthoritySim.Clock;

/// <summary>Messages carry local times of GMT+7 without an offset; this converts at that edge.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.CreateCustomTimeZone("ICT", Offset, "Indochina Time", "Indochina Time");

    /// <summary>The wall-clock time in Vietnam, as an unspecified-kind DateTime (the wire form).</summary>
    public static DateTime Local(DateTimeOffset instant) =>
        DateTime.SpecifyKind(instant.ToOffset(Offset).DateTime, DateTimeKind.Unspecified);

    public static DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant));

    /// <summary>A wire-form local time (GMT+7) back to an instant.</summary>
    public static DateTimeOffset Instant(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);

    /// <summary>Like <see cref="Instant"/>, false for a local time whose UTC falls off the calendar (before 0001-01-01T07:00).</summary>
    public static bool TryInstant(DateTime local, out DateTimeOffset instant)
    {
        instant = default;
        if (local < DateTime.MinValue + Offset) return false;
        instant = Instant(local);
        return true;
    }
}
