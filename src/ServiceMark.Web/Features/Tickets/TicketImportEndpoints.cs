using System.Security.Claims;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>Bringing in a department's past tickets (issue 12 point 9): the administrator's job when moving onto ServiceMark.</summary>
public static class TicketImportEndpoints
{
    public static IEndpointRouteBuilder MapTicketImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/tickets").WithTags("Tickets");
        imports.MapPost("/import", async (TicketImportRequest r, TicketImport import, ClaimsPrincipal user, CancellationToken ct) =>
                (await import.ImportAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ImportTickets").WithSummary("Import historical tickets (JSON)").RequireAuthorization(Policies.Administer);
        imports.MapPost("/import/excel", (HttpRequest request, TicketImportWorkbook workbook, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoint.HandleAsync(request, stream => workbook.ImportAsync(stream, user, ct), ct))
            .ProducesImportReport().WithName("ImportTicketsFromExcel").WithSummary("Import historical tickets (Excel workbook)").RequireAuthorization(Policies.Administer).DisableAntiforgery();
        imports.MapGet("/import-template", () => ImportEndpoint.Template(TicketImportWorkbook.Template(), "tickets-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetTicketImportTemplate").RequireAuthorization(Policies.Administer);
        return app;
    }
}
