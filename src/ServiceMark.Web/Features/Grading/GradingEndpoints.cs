using System.Security.Claims;
using MiniExcelLibs;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Grading;

/// <summary>The id of what a write recorded (a qualification).</summary>
public sealed record RecordedId(int Id);

/// <summary>Technical-grade certification (技术等级评定, R-GRD-1..6) under /api/v1/grading.</summary>
public static class GradingEndpoints
{
    public static IEndpointRouteBuilder MapGradingEndpoints(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/grading").WithTags("Technical grading");
        g.MapGet("/me", async (GradeQueries h, ClaimsPrincipal user, CancellationToken ct) => (await h.MineAsync(user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetMyGrade").RequireAuthorization(Policies.TakePartInGrading);
        g.MapGet("/people/{personId:int}", async (int personId, GradeQueries h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.PersonAsync(personId, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetPersonGrade").RequireAuthorization(Policies.TakePartInGrading);
        g.MapPost("/people/{personId:int}/qualifications", async (int personId, QualificationRequest r, DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AddQualificationAsync(personId, r, user, ct)).ToHttp(id => TypedResults.Created($"/api/v1/grading/people/{personId}", new RecordedId(id))))
            .WithName("RecordQualification").RequireAuthorization(Policies.ManageGrading);
        g.MapPost("/people/{personId:int}/grades", async (int personId, RecordGradeRequest r, GradeSchemeHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RecordGradeAsync(personId, r, user, ct)).ToHttp(row => TypedResults.Created($"/api/v1/grading/people/{personId}", row)))
            .WithName("RecordGrade").RequireAuthorization(Policies.ManageGrading);
        g.MapGet("/roster", (GradeQueries h, CancellationToken ct) => h.RosterAsync(ct))
            .WithName("GetGradeRoster").RequireAuthorization(Policies.ReadGradeRoster);
        g.MapGet("/payroll", async (GradeQueries h, int? year, int? month, CancellationToken ct) => (await h.PayrollAsync(year, month, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetGradePayroll").RequireAuthorization(Policies.ReadGradeRoster);
        g.MapGet("/payroll/export", async (GradeQueries h, int? year, int? month, CancellationToken ct) =>
                (await h.PayrollAsync(year, month, ct)).ToHttpResult(p => Results.File(PayrollWorkbook(p), ImportEndpoint.XlsxContentType, $"grade-pay-{p.Year:0000}-{p.Month:00}.xlsx")))
            .ProducesWorkbook().WithName("ExportGradePayroll").RequireAuthorization(Policies.ReadGradeRoster);
        g.MapGet("/pay-tables", (GradeQueries h, CancellationToken ct) => h.PayTablesAsync(ct))
            .WithName("ListGradePayTables").RequireAuthorization(Policies.ReadGradeRoster);
        g.MapPost("/pay-tables", async (PayTableRequest r, DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AddPayTableAsync(r, user, ct)).ToHttp(t => TypedResults.Created("/api/v1/grading/pay-tables", t)))
            .WithName("AddGradePayTable").RequireAuthorization(Policies.ManageGradePay);

        var s = g.MapGroup("/schemes").RequireAuthorization(Policies.ConfigureGradeSchemes);
        s.MapGet("/", (GradeSchemeHandlers h, CancellationToken ct) => h.ListAsync(ct)).WithName("ListGradeSchemes");
        s.MapGet("/{code}", async (string code, GradeSchemeHandlers h, CancellationToken ct) => (await h.GetAsync(code, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetGradeScheme");
        s.MapPut("/{code}", async (string code, GradeSchemeRequest r, GradeSchemeHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.PutAsync(code, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("PutGradeScheme");

        var a = g.MapGroup("/applications").RequireAuthorization(Policies.TakePartInGrading);
        a.MapGet("/", (GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) => h.ListAsync(user, ct)).WithName("ListGradeApplications");
        a.MapGet("/{id:int}", async (int id, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) => (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetGradeApplication");
        a.MapPost("/", async (OpenApplicationRequest r, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.OpenAsync(r, user, ct)).ToHttp(v => TypedResults.Created($"/api/v1/grading/applications/{v.Summary.Id}", v)))
            .WithName("OpenGradeApplication");
        a.MapPost("/{id:int}/actions", async (int id, GradingActionRequest r, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.ActAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("ActOnGradeApplication");
        a.MapPost("/{id:int}/panel", async (int id, PanelRequest r, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.AssignPanelAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("AssignGradingPanel").RequireAuthorization(Policies.ManageGrading);
        a.MapPost("/{id:int}/examination", async (int id, ExaminationRequest r, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.RecordExaminationAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("RecordGradingExamination");
        a.MapPost("/{id:int}/certificate", async (int id, CertificateRequest r, GradeApplicationHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.IssueCertificateAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("IssueGradeCertificate");

        var d = g.MapGroup("/demotions").RequireAuthorization(Policies.TakePartInGrading);
        d.MapGet("/", (DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) => h.ListAsync(user, ct)).WithName("ListDemotions");
        d.MapGet("/{id:int}", async (int id, DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) => (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("GetDemotion");
        d.MapPost("/", async (RaiseDemotionRequest r, DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.RaiseAsync(r, user, ct)).ToHttp(v => TypedResults.Created($"/api/v1/grading/demotions/{v.Id}", v)))
            .WithName("RaiseDemotion").RequireAuthorization(Policies.ManageGrading);
        d.MapPost("/{id:int}/actions", async (int id, DemotionActionRequest r, DemotionHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
            (await h.ActAsync(id, r, user, ct)).ToHttp(TypedResults.Ok)).WithName("ActOnDemotion");
        g.MapGet("/demotion-flags", (DemotionHandlers h, CancellationToken ct) => h.FlagsAsync(ct))
            .WithName("ListDemotionFlags").RequireAuthorization(Policies.ManageGrading);
        return app;
    }

    /// <summary>The month's grade-pay roster for payroll, Chinese headers as HR files them.</summary>
    private static byte[] PayrollWorkbook(PayrollView p)
    {
        var rows = p.Rows.Select(r => new Dictionary<string, object?>
        {
            ["工号"] = r.EmployeeNumber, ["姓名"] = r.Name, ["部门/班组"] = r.Unit, ["技术等级"] = r.Level?.NameZh ?? r.LevelCode,
            ["基本工资"] = r.BasePay, ["岗位工资"] = r.PositionPay, ["技术等级津贴"] = r.GradeAllowance, ["考核奖金"] = r.AssessmentBonus,
            ["合计"] = r.Total, ["计算过程"] = Assessment.ArithmeticText.Localize(r.Arithmetic, System.Globalization.CultureInfo.GetCultureInfo("zh-CN")),
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [$"{p.Year}年{p.Month}月"] = rows }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
