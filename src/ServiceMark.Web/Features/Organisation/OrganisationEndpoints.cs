using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Organisation;

public static class OrganisationEndpoints
{
    public static IEndpointRouteBuilder MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        var people = app.MapGroup("/api/v1/people").WithTags("People");
        people.MapGet("/", (PeopleHandlers h, CancellationToken ct, string? search, EmploymentStatus? status, int? orgUnitId, bool includeInactive = false, int page = 1, int pageSize = 25) =>
                h.SearchAsync(new PeopleQuery(search, status, orgUnitId, includeInactive, page, pageSize), ct))
            .WithName("SearchPeople").RequireAuthorization(Policies.ReadOrganisation);
        people.MapGet("/{id:int}", async (int id, PeopleHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, ct), "Person"))
            .WithName("GetPerson").RequireAuthorization(Policies.ReadOrganisation);
        people.MapPost("/", async (PersonRequest request, PeopleHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreateAsync(request, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/people/{p.Id}", p)))
            .WithName("CreatePerson").RequireAuthorization(Policies.ManageOrganisation);
        people.MapPut("/{id:int}", async (int id, PersonRequest request, PeopleHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.UpdateAsync(id, request, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdatePerson").RequireAuthorization(Policies.ManageOrganisation);
        people.MapPost("/{id:int}/deactivate", async (int id, DeactivateRequest request, PeopleHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.DeactivateAsync(id, request, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("DeactivatePerson").RequireAuthorization(Policies.ManageOrganisation);
        people.MapPost("/{id:int}/reactivate", async (int id, DeactivateRequest request, PeopleHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReactivateAsync(id, request, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ReactivatePerson").RequireAuthorization(Policies.ManageOrganisation);
        people.MapGet("/import-template", () => ImportEndpoint.Template(PeopleImport.Template(), "people-import-template.xlsx"))
            .ProducesWorkbook().WithName("GetPeopleImportTemplate").RequireAuthorization(Policies.ManageOrganisation);
        people.MapPost("/import", (HttpRequest request, PeopleImport import, ClaimsPrincipal user, CancellationToken ct) =>
                ImportEndpoint.HandleAsync(request, stream => import.ImportAsync(stream, user, ct), ct))
            .ProducesImportReport().WithName("ImportPeople").RequireAuthorization(Policies.ManageOrganisation).DisableAntiforgery();

        var units = app.MapGroup("/api/v1/org-units").WithTags("Organisation");
        units.MapGet("/", (UnitsAndPositionsHandlers h, CancellationToken ct) => h.ListUnitsAsync(ct))
            .WithName("ListOrgUnits").RequireAuthorization(Policies.ReadOrganisation);
        units.MapPost("/", async (OrgUnitRequest r, UnitsAndPositionsHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreateUnitAsync(r, user, ct)).ToHttp(u => TypedResults.Created($"/api/v1/org-units/{u.Id}", u)))
            .WithName("CreateOrgUnit").RequireAuthorization(Policies.ManageOrganisation);
        units.MapPut("/{id:int}", async (int id, OrgUnitRequest r, UnitsAndPositionsHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.UpdateUnitAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateOrgUnit").RequireAuthorization(Policies.ManageOrganisation);

        var positions = app.MapGroup("/api/v1/positions").WithTags("Organisation");
        positions.MapGet("/", (UnitsAndPositionsHandlers h, CancellationToken ct) => h.ListPositionsAsync(ct))
            .WithName("ListPositions").RequireAuthorization(Policies.ReadOrganisation);
        positions.MapPost("/", async (PositionRequest r, UnitsAndPositionsHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CreatePositionAsync(r, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/positions/{p.Id}", p)))
            .WithName("CreatePosition").RequireAuthorization(Policies.ManageOrganisation);
        positions.MapPut("/{id:int}", async (int id, PositionRequest r, UnitsAndPositionsHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.UpdatePositionAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdatePosition").RequireAuthorization(Policies.ManageOrganisation);
        return app;
    }
}
