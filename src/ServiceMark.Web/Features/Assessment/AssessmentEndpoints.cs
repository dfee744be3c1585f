using System.Security.Claims;
using System.Text;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Assessment;

public static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder app)
    {
        var plans = app.MapGroup("/api/v1/assessment/plans").WithTags("Assessment plans");
        plans.MapGet("/", (PlanHandlers h, CancellationToken ct) => h.ListAsync(ct))
            .WithName("ListAssessmentPlans").RequireAuthorization(Policies.ReadAllAssessments);
        plans.MapGet("/{id:int}", async (int id, PlanHandlers h, CancellationToken ct) =>
                Problems.OkOrNotFound(await h.GetAsync(id, ct), "Plan"))
            .WithName("GetAssessmentPlan").RequireAuthorization(Policies.ReadAllAssessments);
        plans.MapGet("/{id:int}/export", async (int id, PlanHandlers h, CancellationToken ct) =>
                await h.GetAsync(id, ct) is { } p
                    ? Results.File(Encoding.UTF8.GetBytes(p.Json), "application/json", $"{p.Summary.Code}-v{p.Summary.PlanVersion}.json")
                    : Problems.From(Refusal.NotFound("Plan")))
            .ProducesFile("application/json").WithName("ExportAssessmentPlan").RequireAuthorization(Policies.ReadAllAssessments);
        plans.MapPost("/", async (PlanDocumentRequest r, PlanHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ImportAsync(r, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/assessment/plans/{p.Summary.Id}", p)))
            .WithName("ImportAssessmentPlan").RequireAuthorization(Policies.ManageAssessmentPlans);
        plans.MapPut("/{id:int}", async (int id, PlanDocumentRequest r, PlanHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReplaceDraftAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("EditAssessmentPlanDraft").RequireAuthorization(Policies.ManageAssessmentPlans);
        plans.MapPost("/{id:int}/publish", async (int id, PublishPlanRequest r, PlanHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.PublishAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("PublishAssessmentPlan").RequireAuthorization(Policies.ManageAssessmentPlans);

        app.MapGet("/api/v1/assessment/plan-review", async (PlanReviewHandlers h, CancellationToken ct, string? code, DateOnly? from, DateOnly? to) =>
                (await h.ReviewAsync(code, from, to, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Assessment plans").WithName("ReviewAssessmentPlan").RequireAuthorization(Policies.ReadAllAssessments);

        var periods = app.MapGroup("/api/v1/assessment/periods").WithTags("Assessment periods");
        periods.MapGet("/", (PeriodHandlers h, CancellationToken ct) => h.ListAsync(ct))
            .WithName("ListAssessmentPeriods").RequireAuthorization(Policies.ReadAssessments);
        periods.MapGet("/{id:int}", async (int id, PeriodHandlers h, ClaimsPrincipal user, CancellationToken ct) => (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetAssessmentPeriod").RequireAuthorization(Policies.ReadAssessments);
        periods.MapPost("/", async (OpenPeriodRequest r, PeriodHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.OpenAsync(r, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/assessment/periods/{p.Summary.Id}", p)))
            .WithName("OpenAssessmentPeriod").RequireAuthorization(Policies.RunAssessments);
        periods.MapPost("/{id:int}/actions", async (int id, PeriodActionRequest r, PeriodHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ActAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ActOnAssessmentPeriod").RequireAuthorization(Policies.RunAssessments);
        periods.MapPost("/{id:int}/score", async (int id, PeriodHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ScoreAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("ScoreAssessmentPeriod").RequireAuthorization(Policies.RunAssessments);
        periods.MapGet("/{id:int}/export", async (int id, PeriodExport h, CancellationToken ct) =>
                (await h.ExportAsync(id, ct)).ToHttpResult(x => Results.File(x.Workbook, ImportEndpoint.XlsxContentType, x.FileName)))
            .ProducesWorkbook().WithName("ExportAssessmentPeriod").RequireAuthorization(Policies.ReadAllAssessments);
        periods.MapPost("/{id:int}/team-pool", async (int id, TeamPoolRequest r, TeamPoolHandlers h, CancellationToken ct) =>
                (await h.SplitAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .WithName("SplitTeamBonusPool").RequireAuthorization(Policies.ReadAllAssessments);
        periods.MapPost("/{id:int}/what-if", async (int id, WhatIfRequest r, WhatIfHandlers h, CancellationToken ct) =>
                (await h.RunAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .WithName("RunAssessmentWhatIf").RequireAuthorization(Policies.ReadAllAssessments);

        var sheets = app.MapGroup("/api/v1/assessment/sheets").WithTags("Assessment sheets").RequireAuthorization(Policies.ReadAssessments);
        sheets.MapGet("/mine", (SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) => h.MineAsync(user, ct)).WithName("ListMyAssessmentSheets");
        sheets.MapGet("/{id:int}", async (int id, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) => (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetAssessmentSheet");
        sheets.MapPost("/{id:int}/inputs", async (int id, SheetInputRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.EnterAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("EnterAssessmentInput");
        sheets.MapPost("/{id:int}/goal-plan", async (int id, SheetTextRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.SubmitGoalPlanAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("SubmitGoalPlan");
        sheets.MapPost("/{id:int}/goal-plan/approve", async (int id, SheetTextRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.ApproveGoalPlanAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("ApproveGoalPlan");
        sheets.MapPost("/{id:int}/self-review", async (int id, SelfReviewRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.SelfReviewAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("SubmitSelfReview");
        sheets.MapPost("/{id:int}/superior-review", async (int id, SuperiorReviewRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.SuperiorReviewAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("SubmitSuperiorReview");
        sheets.MapPost("/{id:int}/gm-review", async (int id, SheetTextRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.GmReviewAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("SubmitGmReview");
        sheets.MapPost("/{id:int}/interview", async (int id, InterviewRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.InterviewAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("RecordPerformanceInterview");
        sheets.MapPost("/{id:int}/appeal", async (int id, SheetTextRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.AppealAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("AppealAssessment");
        sheets.MapPost("/{id:int}/appeal/decision", async (int id, AppealDecisionRequest r, SheetHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.DecideAppealAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("DecideAssessmentAppeal");

        app.MapPost("/api/v1/assessment/cards", async (IssueCardRequest r, CardHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.IssueAsync(r, user, ct)).ToHttp(c => TypedResults.Created($"/api/v1/assessment/people/{c.PersonId}/years/{c.IssuedOn.Year}", c)))
            .WithTags("Assessment results").WithName("IssueCard").RequireAuthorization(Policies.IssueCards);
        app.MapGet("/api/v1/assessment/people/{personId:int}/years/{year:int}", async (int personId, int year, CardHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.YearAsync(personId, year, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Assessment results").WithName("GetAssessmentYear").RequireAuthorization(Policies.ReadAssessments);
        return app;
    }
}
