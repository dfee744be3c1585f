using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Calendars;
using ServiceMark.Web.Features.ServiceLevels;

namespace ServiceMark.Web.Infrastructure;

/// <summary>The defaults every installation starts with (any environment): service levels, the official calendar, the grade pay table and the example grade schemes.</summary>
public static class ReferenceData
{
    public static async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        await ServiceLevelHandlers.SeedDefaultsAsync(db, ct);
        await CalendarHandlers.SeedDefaultsAsync(db, ct);
        await Features.Grading.GradingSeeds.SeedPayTableAsync(db, ct);
        await Features.Grading.GradeSchemeHandlers.SeedAsync(db, ct);
        await Features.Parts.StockQueries.SeedAsync(db, ct);
    }
}
