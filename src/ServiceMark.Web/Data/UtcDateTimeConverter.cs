using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ServiceMark.Web.Data;

/// <summary>
/// Every DateTime in the model is a UTC instant. SQLite hands values back without a kind; the rules (calendar,
/// SLA clocks) refuse non-UTC input, so values are marked UTC on the way out of the database.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
