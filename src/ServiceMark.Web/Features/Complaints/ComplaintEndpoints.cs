using System.Security.Claims;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Complaints;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Complaints;

public static class ComplaintEndpoints
{
    public static IEndpointRouteBuilder MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/v1/complaints").WithTags("Complaints");
        complaints.MapGet("/", (ComplaintHandlers h, CancellationToken ct, ComplaintStatus? status, string? search, bool overdueOnly = false, int page = 1, int pageSize = 25) =>
                h.SearchAsync(new ComplaintQuery(status, overdueOnly, search, page, pageSize), ct))
            .WithName("SearchComplaints").RequireAuthorization(Policies.ReadComplaints);
        complaints.MapGet("/{id:int}", async (int id, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, user, ct), "Complaint"))
            .WithName("GetComplaint").RequireAuthorization(Policies.ReadComplaints);
        complaints.MapPost("/", async (ComplaintRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReceiveAsync(r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/complaints/{c.Id}", c)))
            .WithName("ReceiveComplaint").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPut("/{id:int}", async (int id, ComplaintRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.EditAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("EditComplaint").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/assign", async (int id, AssignComplaintRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AssignAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("AssignComplaint").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/start-investigation", async (int id, ComplaintStepRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.StartInvestigationAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("StartComplaintInvestigation").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/resolve", async (int id, ResolveComplaintRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ResolveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ResolveComplaint").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/reject-resolution", async (int id, RejectResolutionRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RejectResolutionAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("RejectComplaintResolution").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/confirm", async (int id, ComplaintStepRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ConfirmByCustomerAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ConfirmComplaintByCustomer").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/close", async (int id, ComplaintStepRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.CloseAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("CloseComplaint").RequireAuthorization(Policies.ManageComplaints);
        complaints.MapPost("/{id:int}/decide-validity", async (int id, DecideValidityRequest r, ComplaintHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.DecideValidityAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("DecideComplaintValidity").RequireAuthorization(Policies.DecideComplaintValidity);
        return app;
    }
}
