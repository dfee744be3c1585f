using System.Net;
using System.Text;
using ServiceMark.Domain.Organisation;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Every endpoint of the OpenAPI document against every role: allowed or 403, never 500; anonymous gets 401.
/// An endpoint without an entry in <see cref="Expected"/> fails the test, so the matrix grows with the API.
/// </summary>
[Trait("Rule", "R-ORG-3")]
public sealed class AuthorizationMatrixTests(TestApp app) : IClassFixture<TestApp>
{
    internal const string Anyone = "anonymous";
    internal const string SignedIn = "signed-in";

    private static readonly string[] Readers =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Hr, RoleNames.GeneralManager, RoleNames.WarehouseKeeper,
            RoleNames.MarketingVp, RoleNames.HrVp,
        ];

    private static readonly string[] Managers = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead];

    private static readonly string[] AccountManagers = [RoleNames.Admin, RoleNames.Hr];

    private static readonly string[] CustomerReaders =
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager, RoleNames.WarehouseKeeper];

    private static readonly string[] TicketWorkers =
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager, RoleNames.Engineer];

    private static readonly string[] CustomerManagers = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist];

    private static readonly string[] ComplaintReaders =
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager];

    private static readonly string[] ComplaintManagers = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist];

    private static readonly string[] FollowUpStaff = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist];

    private static readonly string[] AssessmentReadersAll = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager];

    private static readonly string[] AssessmentRunners = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager];

    /// <summary>Everyone with a position (admin is left out of grading: it manages data, not approvals or pay).</summary>
    private static readonly string[] GradingParticipants =
    [
        RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.WarehouseKeeper, RoleNames.Hr,
        RoleNames.GeneralManager, RoleNames.MarketingVp, RoleNames.HrVp,
    ];

    private static readonly string[] GradeRosterReaders = [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager];

    private static readonly string[] GradingOrganisers = [RoleNames.Hr, RoleNames.DepartmentHead];

    /// <summary>Who may call what. Anyone: no sign-in needed. SignedIn: every role (record-level checks apply).</summary>
    internal static readonly Dictionary<string, string[]> Expected = new()
    {
        ["POST /api/v1/auth/token"] = [Anyone],
        ["POST /api/v1/auth/logout"] = [SignedIn],
        ["GET /api/v1/me"] = [SignedIn],
        ["GET /api/v1/people"] = Readers,
        ["GET /api/v1/people/{id}"] = Readers,
        ["GET /api/v1/people/{id}/skills"] = [SignedIn],
        ["PUT /api/v1/people/{id}/skills"] = Managers,
        ["POST /api/v1/people"] = Managers,
        ["PUT /api/v1/people/{id}"] = Managers,
        ["POST /api/v1/people/{id}/deactivate"] = Managers,
        ["POST /api/v1/people/{id}/reactivate"] = Managers,
        ["GET /api/v1/people/import-template"] = Managers,
        ["POST /api/v1/people/import"] = Managers,
        ["GET /api/v1/org-units"] = Readers,
        ["POST /api/v1/org-units"] = Managers,
        ["PUT /api/v1/org-units/{id}"] = Managers,
        ["GET /api/v1/positions"] = Readers,
        ["POST /api/v1/positions"] = Managers,
        ["PUT /api/v1/positions/{id}"] = Managers,
        ["GET /api/v1/people/{id}/account"] = AccountManagers,
        ["POST /api/v1/people/{id}/account"] = AccountManagers,
        ["POST /api/v1/people/{id}/account/reset-password"] = AccountManagers,
        ["POST /api/v1/account/password"] = [SignedIn],
        ["GET /api/v1/audit"] = [RoleNames.Admin],
        ["GET /api/v1/customers"] = CustomerReaders,
        ["GET /api/v1/customers/{id}"] = CustomerReaders,
        ["POST /api/v1/customers"] = CustomerManagers,
        ["PUT /api/v1/customers/{id}"] = CustomerManagers,
        ["POST /api/v1/customers/{id}/contacts"] = CustomerManagers,
        ["POST /api/v1/customers/{id}/sites"] = CustomerManagers,
        ["GET /api/v1/customers/import-template"] = CustomerManagers,
        ["POST /api/v1/customers/import"] = CustomerManagers,
        ["GET /api/v1/contact-log"] = CustomerReaders,
        ["GET /api/v1/contact-log/{id}"] = CustomerReaders,
        ["POST /api/v1/contact-log"] = CustomerManagers,
        ["PUT /api/v1/contact-log/{id}/handling"] = CustomerManagers,
        ["GET /api/v1/service-levels"] = CustomerReaders,
        ["POST /api/v1/service-levels"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["PUT /api/v1/service-levels/{id}"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["GET /api/v1/tickets"] = TicketWorkers,
        ["GET /api/v1/tickets/{id}"] = TicketWorkers,
        ["POST /api/v1/tickets"] = CustomerManagers,
        ["GET /api/v1/tickets/warranty-check"] = CustomerManagers,
        ["POST /api/v1/tickets/{id}/actions/{action}"] = TicketWorkers,
        ["PUT /api/v1/tickets/{id}/report"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/report/sign"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/report/amendments"] = TicketWorkers,
        ["GET /api/v1/tickets/{id}/dispatch-suggestions"] = CustomerManagers,
        ["GET /api/v1/service-facts"] = TicketWorkers,
        ["GET /api/v1/product-models"] = CustomerReaders,
        ["POST /api/v1/product-models"] = CustomerManagers,
        ["PUT /api/v1/product-models/{id}"] = CustomerManagers,
        ["GET /api/v1/units/{serialNumber}"] = CustomerReaders,
        ["POST /api/v1/units"] = CustomerManagers,
        ["GET /api/v1/units/import-template"] = CustomerManagers,
        ["POST /api/v1/units/import"] = CustomerManagers,
        ["GET /api/v1/complaints"] = ComplaintReaders,
        ["GET /api/v1/complaints/{id}"] = ComplaintReaders,
        ["POST /api/v1/complaints"] = ComplaintManagers,
        ["PUT /api/v1/complaints/{id}"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/assign"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/start-investigation"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/resolve"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/reject-resolution"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/confirm"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/close"] = ComplaintManagers,
        ["POST /api/v1/complaints/{id}/decide-validity"] = [RoleNames.DepartmentHead],
        ["GET /api/v1/calendars"] = CustomerReaders,
        ["GET /api/v1/calendars/{id}"] = CustomerReaders,
        ["PUT /api/v1/calendars/{id}/week"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["POST /api/v1/calendars/{id}/years"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["GET /api/v1/calendars/{id}/years/{year}"] = CustomerReaders,
        ["GET /api/v1/calendars/import-template"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["POST /api/v1/calendars/{id}/years/import"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["GET /api/v1/calendars/{id}/working-time"] = CustomerReaders,
        ["GET /api/v1/follow-ups"] = FollowUpStaff,
        ["POST /api/v1/tickets/{id}/phone-survey"] = FollowUpStaff,
        ["POST /api/v1/tickets/{id}/survey-link"] = FollowUpStaff,
        ["GET /api/v1/follow-up-tasks"] = FollowUpStaff,
        ["POST /api/v1/follow-up-tasks/{id}/done"] = FollowUpStaff,
        ["GET /api/v1/public/surveys/{token}"] = [Anyone],
        ["POST /api/v1/public/surveys/{token}"] = [Anyone],
        ["POST /api/v1/attachments"] = [SignedIn],
        ["GET /api/v1/attachments"] = [SignedIn],
        ["GET /api/v1/attachments/{id}"] = [SignedIn],
        ["GET /api/v1/notifications"] = [SignedIn],
        ["POST /api/v1/notifications/{id}/read"] = [SignedIn],
        ["GET /api/v1/assessment/plans"] = AssessmentReadersAll,
        ["GET /api/v1/assessment/plans/{id}"] = AssessmentReadersAll,
        ["GET /api/v1/assessment/plans/{id}/export"] = AssessmentReadersAll,
        ["POST /api/v1/assessment/plans"] = Managers,
        ["PUT /api/v1/assessment/plans/{id}"] = Managers,
        ["POST /api/v1/assessment/plans/{id}/publish"] = Managers,
        ["GET /api/v1/assessment/plan-review"] = AssessmentReadersAll,
        ["GET /api/v1/assessment/periods"] = [SignedIn],
        ["GET /api/v1/assessment/periods/{id}"] = [SignedIn],
        ["POST /api/v1/assessment/periods"] = AssessmentRunners,
        ["POST /api/v1/assessment/periods/{id}/actions"] = AssessmentRunners,
        ["POST /api/v1/assessment/periods/{id}/score"] = AssessmentRunners,
        ["POST /api/v1/assessment/periods/{id}/what-if"] = AssessmentReadersAll,
        ["GET /api/v1/assessment/periods/{id}/export"] = AssessmentReadersAll,
        ["POST /api/v1/assessment/periods/{id}/team-pool"] = AssessmentReadersAll,
        ["GET /api/v1/assessment/sheets/mine"] = [SignedIn],
        ["GET /api/v1/assessment/sheets/{id}"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/inputs"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/goal-plan"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/goal-plan/approve"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/self-review"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/superior-review"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/gm-review"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/interview"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/appeal"] = [SignedIn],
        ["POST /api/v1/assessment/sheets/{id}/appeal/decision"] = [SignedIn],
        ["POST /api/v1/assessment/cards"] = Managers,
        ["GET /api/v1/assessment/people/{personId}/years/{year}"] = [SignedIn],
        ["GET /api/v1/grading/me"] = GradingParticipants,
        ["GET /api/v1/grading/people/{personId}"] = GradingParticipants,
        ["POST /api/v1/grading/people/{personId}/qualifications"] = GradingOrganisers,
        ["POST /api/v1/grading/people/{personId}/grades"] = GradingOrganisers,
        ["GET /api/v1/grading/roster"] = GradeRosterReaders,
        ["GET /api/v1/grading/payroll"] = GradeRosterReaders,
        ["GET /api/v1/grading/payroll/export"] = GradeRosterReaders,
        ["GET /api/v1/grading/pay-tables"] = GradeRosterReaders,
        ["POST /api/v1/grading/pay-tables"] = [RoleNames.Hr],
        ["GET /api/v1/grading/schemes"] = [RoleNames.Admin, RoleNames.Hr],
        ["GET /api/v1/grading/schemes/{code}"] = [RoleNames.Admin, RoleNames.Hr],
        ["PUT /api/v1/grading/schemes/{code}"] = [RoleNames.Admin, RoleNames.Hr],
        ["GET /api/v1/grading/applications"] = GradingParticipants,
        ["GET /api/v1/grading/applications/{id}"] = GradingParticipants,
        ["POST /api/v1/grading/applications"] = GradingParticipants,
        ["POST /api/v1/grading/applications/{id}/actions"] = GradingParticipants,
        ["POST /api/v1/grading/applications/{id}/panel"] = GradingOrganisers,
        ["POST /api/v1/grading/applications/{id}/examination"] = GradingParticipants,
        ["POST /api/v1/grading/applications/{id}/certificate"] = GradingParticipants,
        ["GET /api/v1/grading/demotions"] = GradingParticipants,
        ["GET /api/v1/grading/demotions/{id}"] = GradingParticipants,
        ["POST /api/v1/grading/demotions"] = GradingOrganisers,
        ["POST /api/v1/grading/demotions/{id}/actions"] = GradingParticipants,
        ["GET /api/v1/grading/demotion-flags"] = GradingOrganisers,
    };

    /// <summary>One demo sign-in per role.</summary>
    internal static readonly Dictionary<string, string> UserOfRole = new()
    {
        [RoleNames.Admin] = "admin",
        [RoleNames.GeneralManager] = "gm",
        [RoleNames.DepartmentHead] = "head",
        [RoleNames.Supervisor] = "supervisor",
        [RoleNames.Specialist] = "specialist",
        [RoleNames.Engineer] = "engineer",
        [RoleNames.WarehouseKeeper] = "warehouse",
        [RoleNames.Hr] = "hr",
        [RoleNames.MarketingVp] = "vpm",
        [RoleNames.HrVp] = "vphr",
    };

    [Fact]
    public async Task Every_documented_endpoint_has_an_expectation_and_every_expectation_an_endpoint()
    {
        var documented = await DocumentedEndpointsAsync();
        Assert.Empty(documented.Except(Expected.Keys));
        Assert.Empty(Expected.Keys.Except(documented));
    }

    [Fact]
    public void Every_role_is_in_the_matrix() => Assert.Equal(RoleNames.All.Order(), UserOfRole.Keys.Order());

    [Fact]
    public async Task Each_role_is_allowed_or_forbidden_never_an_error()
    {
        var failures = new List<string>();
        foreach (var endpoint in await DocumentedEndpointsAsync())
        {
            var allowed = Expected[endpoint];
            foreach (var (role, userName) in UserOfRole)
            {
                using var client = app.ClientFor(userName);
                var status = await CallAsync(client, endpoint);
                if (endpoint == "POST /api/v1/auth/logout")
                {
                    app.ForgetToken(userName); // signing out ended that token: the next call signs in again
                }

                var mayCall = allowed.Contains(Anyone) || allowed.Contains(SignedIn) || allowed.Contains(role);
                if ((int)status >= 500 || (mayCall ? status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized : status != HttpStatusCode.Forbidden))
                {
                    failures.Add($"{endpoint} as {role}: {(int)status} (expected {(mayCall ? "allowed" : "403")})");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Without_sign_in_only_public_endpoints_answer()
    {
        using var client = app.ClientFor(null);
        var failures = new List<string>();
        foreach (var endpoint in await DocumentedEndpointsAsync())
        {
            var status = await CallAsync(client, endpoint);
            var expected = Expected[endpoint].Contains(Anyone) ? "not 401" : "401";
            if ((int)status >= 500 || (expected == "401") != (status == HttpStatusCode.Unauthorized))
            {
                failures.Add($"{endpoint}: {(int)status} (expected {expected})");
            }
        }

        Assert.Empty(failures);
    }

    private async Task<List<string>> DocumentedEndpointsAsync() =>
        (await ApiDocument.LoadAsync(app)).Operations.Select(o => o.Key).ToList();

    /// <summary>A demo user who may call the endpoint (admin where admin may; null where no sign-in is needed).</summary>
    internal static string? UserAllowedToCall(string endpoint)
    {
        var allowed = Expected[endpoint];
        return allowed.Contains(Anyone) ? null
            : allowed.Contains(SignedIn) || allowed.Contains(RoleNames.Admin) ? UserOfRole[RoleNames.Admin]
            : UserOfRole[allowed[0]];
    }

    /// <summary>
    /// Calls the endpoint with harmless input: an id that names no row and an empty JSON body, so an allowed call
    /// ends in 400/404/409 and nothing changes, while a forbidden one is refused before the handler runs.
    /// </summary>
    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(endpoint[..space]);
        var path = endpoint[(space + 1)..].Replace("{id}", "999999", StringComparison.Ordinal).Replace("{serialNumber}", "NO-SUCH-SERIAL", StringComparison.Ordinal)
            .Replace("{action}", "accept", StringComparison.Ordinal)
            .Replace("{year}", "2999", StringComparison.Ordinal).Replace("{personId}", "999999", StringComparison.Ordinal)
            .Replace("{token}", "no-such-survey-token-0000000000", StringComparison.Ordinal);
        if (path == "/api/v1/attachments" && method == HttpMethod.Get)
        {
            path += "?ownerType=Person&ownerId=999999";
        }

        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
