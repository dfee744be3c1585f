using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.Grading;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Every endpoint of the OpenAPI document against every role: allowed or 403, never 500; anonymous gets 401.
/// An endpoint without an entry in <see cref="Expected"/> fails the test, so the matrix grows with the API.
/// "Self" is a column of its own: every write is either about a person — then the caller being that person gets 403
/// <c>self</c> (<see cref="SelfCases"/>) unless it is the person's own step by design (<see cref="OwnSteps"/>) — or about no
/// one person (<see cref="AboutNoOnePerson"/>); a write in none of them fails the test.
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

    private static readonly string[] ExpenseFilers = [RoleNames.Engineer, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.DepartmentHead];

    private static readonly string[] ExpenseReaders = [.. ExpenseFilers, RoleNames.Hr, RoleNames.GeneralManager, RoleNames.Admin];

    private static readonly string[] AccountManagers = [RoleNames.Admin, RoleNames.Hr];

    private static readonly string[] ContractReaders =
    [
        RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.Hr, RoleNames.GeneralManager,
    ];

    private static readonly string[] ContractManagers = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist];

    private static readonly string[] InstallationReaders =
    [
        RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.GeneralManager,
    ];

    private static readonly string[] InstallationManagers = [RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist];

    private static readonly string[] ReturnReaders =
    [
        RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.WarehouseKeeper,
        RoleNames.GeneralManager,
    ];

    private static readonly string[] ReceiptRecorders = [RoleNames.Hr, RoleNames.Specialist, RoleNames.DepartmentHead];

    private static readonly string[] CostReaders = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Hr, RoleNames.GeneralManager];

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

    private static readonly string[] PartReaders =
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.GeneralManager];

    private static readonly string[] PartKeepers = [RoleNames.Admin, RoleNames.WarehouseKeeper];

    private static readonly string[] RequisitionReaders =
        [RoleNames.Engineer, RoleNames.Supervisor, RoleNames.DepartmentHead, RoleNames.WarehouseKeeper, RoleNames.Admin];

    private static readonly string[] OldPartReaders = [.. RequisitionReaders, RoleNames.GeneralManager];

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
        ["POST /api/v1/tickets/import"] = [RoleNames.Admin],
        ["POST /api/v1/tickets/import/excel"] = [RoleNames.Admin],
        ["GET /api/v1/tickets/import-template"] = [RoleNames.Admin],
        ["GET /api/v1/suppliers"] = PartReaders,
        ["POST /api/v1/suppliers"] = PartKeepers,
        ["PUT /api/v1/suppliers/{id}"] = PartKeepers,
        ["GET /api/v1/parts"] = PartReaders,
        ["GET /api/v1/parts/{id}"] = PartReaders,
        ["GET /api/v1/parts/import-template"] = PartKeepers,
        ["GET /api/v1/parts/export"] = PartReaders,
        ["POST /api/v1/parts/import"] = PartKeepers,
        ["POST /api/v1/parts"] = PartKeepers,
        ["PUT /api/v1/parts/{id}"] = PartKeepers,
        ["GET /api/v1/stock/locations"] = PartReaders,
        ["POST /api/v1/stock/locations"] = PartKeepers,
        ["GET /api/v1/stock/on-hand"] = PartReaders,
        ["GET /api/v1/stock/mine"] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager, RoleNames.Engineer],
        ["PUT /api/v1/stock/limits"] = PartKeepers,
        ["GET /api/v1/stock/ledger"] = PartReaders,
        ["POST /api/v1/stock/movements"] = [RoleNames.WarehouseKeeper],
        ["GET /api/v1/stock/book-check"] = PartReaders,
        ["GET /api/v1/stock/workbench"] = PartReaders,
        ["GET /api/v1/requisitions"] = RequisitionReaders,
        ["GET /api/v1/requisitions/{id}"] = RequisitionReaders,
        ["POST /api/v1/requisitions"] = [RoleNames.Engineer, RoleNames.Supervisor],
        ["POST /api/v1/requisitions/{id}/{action}"] = RequisitionReaders,
        ["GET /api/v1/old-parts"] = OldPartReaders,
        ["GET /api/v1/old-parts/{id}"] = OldPartReaders,
        ["POST /api/v1/old-parts/{id}/{action}"] = OldPartReaders,
        ["GET /api/v1/tickets/{id}/parts"] = [SignedIn],
        ["GET /api/v1/claims"] = PartReaders,
        ["GET /api/v1/claims/outstanding"] = PartReaders,
        ["GET /api/v1/claims/claimable"] = PartReaders,
        ["GET /api/v1/claims/{id}"] = PartReaders,
        ["POST /api/v1/claims"] = [RoleNames.WarehouseKeeper],
        ["POST /api/v1/claims/{id}/{action}"] = PartReaders,
        ["GET /api/v1/allowances"] = ExpenseReaders,
        ["POST /api/v1/allowances"] = AccountManagers,
        ["PUT /api/v1/allowances/{id}"] = AccountManagers,
        ["GET /api/v1/labour-rates"] = CostReaders,
        ["PUT /api/v1/labour-rates"] = AccountManagers,
        ["GET /api/v1/standard-costs"] = CostReaders,
        ["PUT /api/v1/standard-costs"] = [RoleNames.DepartmentHead, RoleNames.Hr],
        ["GET /api/v1/tickets/{id}/cost"] = CostReaders,
        ["GET /api/v1/service-costs"] = CostReaders,
        ["GET /api/v1/service-costs/export"] = CostReaders,
        ["GET /api/v1/budgets/{year}"] = CostReaders,
        ["PUT /api/v1/budgets/{year}"] = [RoleNames.DepartmentHead, RoleNames.Hr],
        ["GET /api/v1/budgets/{year}/revisions"] = CostReaders,
        ["GET /api/v1/budgets/{year}/export"] = CostReaders,
        ["GET /api/v1/maintenance-contracts"] = ContractReaders,
        ["GET /api/v1/maintenance-contracts/{id}"] = ContractReaders,
        ["GET /api/v1/maintenance-contracts/{id}/renewal"] = ContractManagers,
        ["POST /api/v1/maintenance-contracts"] = ContractManagers,
        ["PUT /api/v1/maintenance-contracts/{id}"] = ContractManagers,
        ["POST /api/v1/maintenance-contracts/{id}/{action}"] = ContractReaders,
        ["POST /api/v1/maintenance-contracts/{id}/payments"] = ReceiptRecorders,
        ["PUT /api/v1/maintenance-contracts/{id}/instalments/{sequence}/invoice"] = ReceiptRecorders,
        ["GET /api/v1/receivables"] = ContractReaders,
        ["GET /api/v1/maintenance-checklists"] = ContractReaders,
        ["PUT /api/v1/maintenance-checklists/{productModelId}"] = ContractManagers,
        ["GET /api/v1/tickets/{id}/maintenance-record"] = TicketWorkers,
        ["PUT /api/v1/tickets/{id}/maintenance-record"] = TicketWorkers,
        ["GET /api/v1/receivables/export"] = ContractReaders,
        ["GET /api/v1/receivables/collection"] = ContractReaders,
        ["GET /api/v1/tickets/{id}/paid-service"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/paid-service"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/cash-hand-overs"] = TicketWorkers,
        ["GET /api/v1/paid-services/to-decide"] = TicketWorkers,
        ["POST /api/v1/paid-services/{id}/{action}"] = TicketWorkers,
        ["GET /api/v1/cash-hand-overs/unconfirmed"] = ExpenseReaders,
        ["POST /api/v1/cash-hand-overs/{id}/confirm"] = [RoleNames.Hr],
        ["GET /api/v1/returns"] = ReturnReaders,
        ["GET /api/v1/returns/{id}"] = ReturnReaders,
        ["POST /api/v1/returns"] = [RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper],
        ["POST /api/v1/returns/{id}/{action}"] = ReturnReaders,
        ["GET /api/v1/installations"] = InstallationReaders,
        ["GET /api/v1/installations/{id}"] = InstallationReaders,
        ["POST /api/v1/installations"] = InstallationManagers,
        ["PUT /api/v1/installations/{id}"] = InstallationManagers,
        ["POST /api/v1/installations/{id}/release"] = InstallationManagers,
        ["POST /api/v1/installations/{id}/cancel"] = InstallationManagers,
        ["GET /api/v1/advances"] = ExpenseReaders,
        ["GET /api/v1/advances/outstanding"] = ExpenseReaders,
        ["GET /api/v1/advances/{id}"] = ExpenseReaders,
        ["POST /api/v1/advances"] = ExpenseFilers,
        ["POST /api/v1/advances/{id}/{action}"] = ExpenseReaders,
        ["GET /api/v1/expense-claims"] = ExpenseReaders,
        ["GET /api/v1/expense-claims/{id}"] = ExpenseReaders,
        ["GET /api/v1/expense-claims/export"] = ExpenseReaders,
        ["POST /api/v1/expense-claims"] = ExpenseFilers,
        ["PUT /api/v1/expense-claims/{id}"] = ExpenseFilers,
        ["POST /api/v1/expense-claims/{id}/{action}"] = ExpenseReaders,
        ["GET /api/v1/stock-takes"] = PartReaders,
        ["GET /api/v1/stock-takes/{id}"] = PartReaders,
        ["POST /api/v1/stock-takes"] = [RoleNames.WarehouseKeeper],
        ["PUT /api/v1/stock-takes/{id}/counts"] = [RoleNames.WarehouseKeeper],
        ["POST /api/v1/stock-takes/{id}/{action}"] = PartReaders,
        ["GET /api/v1/tickets/warranty-check"] = CustomerManagers,
        ["POST /api/v1/tickets/{id}/actions/{action}"] = TicketWorkers,
        ["PUT /api/v1/tickets/{id}/report"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/report/sign"] = TicketWorkers,
        ["POST /api/v1/tickets/{id}/report/amendments"] = TicketWorkers,
        ["GET /api/v1/tickets/{id}/dispatch-suggestions"] = CustomerManagers,
        ["GET /api/v1/service-facts"] = TicketWorkers,
        ["GET /api/v1/service-facts/{code}/evidence"] = TicketWorkers,
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
        ["GET /api/v1/follow-ups/{id}"] = FollowUpStaff,
        ["GET /api/v1/follow-up-settings"] = FollowUpStaff,
        ["PUT /api/v1/follow-up-settings"] = [RoleNames.Admin, RoleNames.DepartmentHead],
        ["GET /api/v1/department-policy"] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Hr, RoleNames.GeneralManager],
        ["PUT /api/v1/department-policy"] = [RoleNames.Admin, RoleNames.DepartmentHead],
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
        ["GET /api/v1/notifications/groups"] = [SignedIn],
        ["GET /api/v1/notifications/unread-count"] = [SignedIn],
        ["POST /api/v1/notifications/read-all"] = [SignedIn],
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

    /// <summary>Writes about a person that are that person's own step (opening, planning, reviewing or appealing one's own case).</summary>
    private static readonly Dictionary<string, string> OwnSteps = new()
    {
        ["POST /api/v1/account/password"] = "one's own password, with the current one",
        ["POST /api/v1/auth/logout"] = "one's own sign-out: it ends one's own sessions",
        ["POST /api/v1/grading/applications"] = "the engineer applies for their own grade; every later step is someone else's",
        ["POST /api/v1/assessment/sheets/{id}/goal-plan"] = "the assessed person plans their own goals; the superior approves",
        ["POST /api/v1/assessment/sheets/{id}/self-review"] = "自评 — the person's own review, weighted as such",
        ["POST /api/v1/assessment/sheets/{id}/appeal"] = "the person appeals their own result; HR or the committee decides",
        ["PUT /api/v1/people/{id}/skills"] = "skills steer dispatch suggestions only, not pay, grade or results",
        ["POST /api/v1/requisitions"] = "the engineer asks for parts into their own stock; approving it is their leader's (never their own)",
        ["POST /api/v1/advances"] = "one asks for one's own travel advance; deciding on and paying it are others' (never one's own)",
        ["POST /api/v1/expense-claims"] = "one files one's own expense claim; deciding on and paying it are others' (never one's own)",
        ["PUT /api/v1/expense-claims/{id}"] = "the claimant corrects their own draft or returned claim, and only theirs",
    };

    /// <summary>Writes about no one person: records of customers, tickets, plans, periods, configuration, or a new person.</summary>
    private static readonly HashSet<string> AboutNoOnePerson =
    [
        "POST /api/v1/auth/token", "POST /api/v1/people", "POST /api/v1/people/import", "POST /api/v1/org-units", "PUT /api/v1/org-units/{id}",
        "POST /api/v1/positions", "PUT /api/v1/positions/{id}",
        "POST /api/v1/customers", "PUT /api/v1/customers/{id}", "POST /api/v1/customers/{id}/contacts", "POST /api/v1/customers/{id}/sites",
        "POST /api/v1/customers/import", "POST /api/v1/contact-log", "PUT /api/v1/contact-log/{id}/handling", "POST /api/v1/service-levels",
        "PUT /api/v1/service-levels/{id}", "POST /api/v1/tickets",

        // History of the whole department; an importer whose own person is among the engineers is refused (TicketImportTests).
        "POST /api/v1/tickets/import", "POST /api/v1/tickets/import/excel",

        // The parts catalogue and the ledger's movements; a personal stock names its engineer but grants nothing (issue 13).
        "POST /api/v1/suppliers", "PUT /api/v1/suppliers/{id}", "POST /api/v1/parts", "PUT /api/v1/parts/{id}", "POST /api/v1/parts/import", "POST /api/v1/stock/locations",
        "PUT /api/v1/stock/limits", "POST /api/v1/stock/movements",

        // A requisition's approval about its requester is refused to the requester by the domain (PartRequisition.Approve → 403 self, RequisitionTests).
        "POST /api/v1/requisitions/{id}/{action}",

        // The allowance table, the labour rates per grade and the budget are the department's. An advance's or a claim's decision and payment are about its person and are
        // refused to that person by the domain (Approvals.CheckDecision, Pay → 403 self, ExpenseTests); HR, who plays the self
        // column here, files none of their own.
        "POST /api/v1/allowances", "PUT /api/v1/allowances/{id}", "PUT /api/v1/labour-rates", "PUT /api/v1/standard-costs", "PUT /api/v1/budgets/{year}", "POST /api/v1/advances/{id}/{action}", "POST /api/v1/expense-claims/{id}/{action}",

        // A contract is the customer's: drafting and editing it, and its invoices, are about no one person. Putting it in force
        // is refused to the person answering for it by the domain (MaintenanceContract.Activate → 403 self, ContractTests); its
        // payments have their self case below.
        "POST /api/v1/maintenance-contracts", "PUT /api/v1/maintenance-contracts/{id}", "POST /api/v1/maintenance-contracts/{id}/{action}",
        "PUT /api/v1/maintenance-contracts/{id}/instalments/{sequence}/invoice",

        // Paid service is the ticket's: its decision is refused to the requester and a cash confirmation to the engineer who held
        // the cash by the domain (PaidServiceApproval.Decide, CashHandOver.Confirm → 403 self, PaidServiceTests); HR, the self
        // column here, neither asks for paid service nor collects cash.
        "POST /api/v1/tickets/{id}/paid-service", "POST /api/v1/tickets/{id}/cash-hand-overs", "POST /api/v1/paid-services/{id}/{action}",
        "POST /api/v1/cash-hand-overs/{id}/confirm",

        // A return is the customer's product: receiving it and its steps are about no one person. Its test is refused to whoever
        // did the work it judges by the domain (ProductReturn.Test → 403 self, ReturnTests).
        "POST /api/v1/returns", "POST /api/v1/returns/{id}/{action}",

        // An installation is the customer's: planning, editing, releasing and cancelling it are about no one person; its ticket's
        // report is approved by no engineer assigned to it (ServiceTicket.CheckApprover).
        "POST /api/v1/installations", "PUT /api/v1/installations/{id}", "POST /api/v1/installations/{id}/release", "POST /api/v1/installations/{id}/cancel",

        // A model's checklist is the department's; a visit's record is the ticket's, accepted by the customer's signature.
        "PUT /api/v1/maintenance-checklists/{productModelId}", "PUT /api/v1/tickets/{id}/maintenance-record",

        // An old part's steps are the warehouse keeper's alone (ConsumptionAndOldPartTests), and a keeper is never assigned a ticket.
        "POST /api/v1/old-parts/{id}/{action}",

        // A claim is against a supplier; the one step about a person — signing the shipping off — is refused to the claim's
        // raiser by the domain (SupplierClaim.ApproveShipping → 403 self, SupplierClaimTests).
        "POST /api/v1/claims", "POST /api/v1/claims/{id}/{action}",

        // A count is of a location; its approval is refused to the one who counted by the domain (StockTake.Decide → 403 self, StockTakeTests).
        "POST /api/v1/stock-takes", "PUT /api/v1/stock-takes/{id}/counts", "POST /api/v1/stock-takes/{id}/{action}",

        // A ticket's report is approved by no engineer assigned to it: the domain's ServiceTicket.CheckApprover.
        "POST /api/v1/tickets/{id}/actions/{action}", "PUT /api/v1/tickets/{id}/report", "POST /api/v1/tickets/{id}/report/sign",
        "POST /api/v1/tickets/{id}/report/amendments", "POST /api/v1/product-models", "PUT /api/v1/product-models/{id}", "POST /api/v1/units",
        "POST /api/v1/units/import", "POST /api/v1/complaints", "PUT /api/v1/complaints/{id}", "POST /api/v1/complaints/{id}/assign",
        "POST /api/v1/complaints/{id}/start-investigation", "POST /api/v1/complaints/{id}/resolve", "POST /api/v1/complaints/{id}/reject-resolution",
        "POST /api/v1/complaints/{id}/confirm", "POST /api/v1/complaints/{id}/close", "POST /api/v1/complaints/{id}/decide-validity",
        "PUT /api/v1/calendars/{id}/week", "POST /api/v1/calendars/{id}/years", "POST /api/v1/calendars/{id}/years/import",
        "POST /api/v1/tickets/{id}/phone-survey", "POST /api/v1/tickets/{id}/survey-link", "POST /api/v1/follow-up-tasks/{id}/done",
        "PUT /api/v1/follow-up-settings",
        "PUT /api/v1/department-policy",
        "POST /api/v1/public/surveys/{token}", "POST /api/v1/attachments", "POST /api/v1/notifications/{id}/read",
        "POST /api/v1/notifications/read-all",
        "POST /api/v1/assessment/plans", "PUT /api/v1/assessment/plans/{id}", "POST /api/v1/assessment/plans/{id}/publish",
        "POST /api/v1/assessment/periods", "POST /api/v1/assessment/periods/{id}/actions", "POST /api/v1/assessment/periods/{id}/score",

        // What-if and the team pool compute and show; they store nothing.
        "POST /api/v1/assessment/periods/{id}/what-if", "POST /api/v1/assessment/periods/{id}/team-pool",
        "POST /api/v1/grading/pay-tables", "PUT /api/v1/grading/schemes/{code}",

        // Account administration (create, reset) has its own rules on whom it may reach.
        "POST /api/v1/people/{id}/account", "POST /api/v1/people/{id}/account/reset-password",
    ];

    /// <summary>The self column: each write about a person, made by HR (E0025) about HR — refused as <c>self</c>.</summary>
    private Dictionary<string, Func<Task<(string Path, object Body)>>> SelfCases => new()
    {
        ["PUT /api/v1/people/{id}"] = async () => ($"/api/v1/people/{await HrAsync()}", await OwnRecordWithAnotherPositionAsync()),
        ["POST /api/v1/people/{id}/deactivate"] = async () => ($"/api/v1/people/{await HrAsync()}/deactivate", new { reason = "自己停用", version = await PersonVersionAsync() }),
        ["POST /api/v1/people/{id}/reactivate"] = async () => ($"/api/v1/people/{await HrAsync()}/reactivate", new { reason = "自己启用", version = await PersonVersionAsync() }),
        ["POST /api/v1/grading/people/{personId}/grades"] = async () => ($"/api/v1/grading/people/{await HrAsync()}/grades",
            new { schemeCode = "default", levelCode = "Expert", effectiveFrom = "2026-01-01", reason = "x", evidence = "x" }),
        ["POST /api/v1/grading/people/{personId}/qualifications"] = async () => ($"/api/v1/grading/people/{await HrAsync()}/qualifications",
            new { kind = "Certificate", name = "高级人力资源管理师", obtainedOn = "2025-01-01" }),
        ["POST /api/v1/grading/demotions"] = async () => ("/api/v1/grading/demotions", new { personId = await HrAsync(), cause = "RuleViolation", evidence = "x" }),
        ["POST /api/v1/grading/demotions/{id}/actions"] = async () =>
        {
            var (id, version) = await OwnDemotionAsync();
            return ($"/api/v1/grading/demotions/{id}/actions", new { action = "Submit", version });
        },
        ["POST /api/v1/grading/applications/{id}/panel"] = async () =>
        {
            var (id, version) = await OwnApplicationAsync(GradingState.Draft);
            return ($"/api/v1/grading/applications/{id}/panel", new { memberIds = new[] { 5, 6 }, version });
        },
        ["POST /api/v1/grading/applications/{id}/actions"] = async () =>
        {
            var (id, version) = await OwnApplicationAsync(GradingState.Submitted);
            return ($"/api/v1/grading/applications/{id}/actions", new { action = "ConfirmBySuperior", version });
        },
        ["POST /api/v1/grading/applications/{id}/examination"] = async () =>
        {
            var (id, version) = await OwnApplicationAsync(GradingState.DepartmentHeadConfirmed);
            return ($"/api/v1/grading/applications/{id}/examination", new { scores = new[] { new { memberId = 5, part = "Theory", score = 90 } }, version });
        },
        ["POST /api/v1/grading/applications/{id}/certificate"] = async () =>
        {
            var (id, version) = await OwnApplicationAsync(GradingState.Filed);
            return ($"/api/v1/grading/applications/{id}/certificate", new { version });
        },
        ["POST /api/v1/maintenance-contracts/{id}/payments"] = async () =>
        {
            var (id, version) = await OwnContractAsync();
            return ($"/api/v1/maintenance-contracts/{id}/payments", new { version, receivedOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), amount = 100m });
        },
        ["POST /api/v1/assessment/cards"] = async () => ("/api/v1/assessment/cards", new { personId = await HrAsync(), colour = "Yellow", reason = "x" }),
        ["POST /api/v1/assessment/sheets/{id}/inputs"] = async () => await OwnSheetAsync("inputs", v => new { indicatorCode = "any", value = 100, version = v }),
        ["POST /api/v1/assessment/sheets/{id}/goal-plan/approve"] = async () => await OwnSheetAsync("goal-plan/approve", v => new { text = "x", version = v }),
        ["POST /api/v1/assessment/sheets/{id}/superior-review"] = async () => await OwnSheetAsync("superior-review", v => new { comment = "x", score = 100, reason = "x", version = v }),
        ["POST /api/v1/assessment/sheets/{id}/gm-review"] = async () => await OwnSheetAsync("gm-review", v => new { text = "x", version = v }),
        ["POST /api/v1/assessment/sheets/{id}/interview"] = async () => await OwnSheetAsync("interview", v => new { notes = "x", improvementPlan = "x", version = v }),
        ["POST /api/v1/assessment/sheets/{id}/appeal/decision"] = async () =>
            await OwnSheetAsync("appeal/decision", v => new { upheld = true, decision = "x", score = 100, version = v }),
    };

    [Fact]
    public async Task Every_write_is_about_no_one_person_or_has_its_self_case()
    {
        var writes = (await DocumentedEndpointsAsync()).Where(e => !e.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();
        foreach (var write in writes)
        {
            var columns = new[] { SelfCases.ContainsKey(write), OwnSteps.ContainsKey(write), AboutNoOnePerson.Contains(write) }.Count(x => x);
            if (columns != 1)
            {
                failures.Add($"{write}: in {columns} of SelfCases / OwnSteps / AboutNoOnePerson (expected exactly 1)");
            }
        }

        failures.AddRange(SelfCases.Keys.Concat(OwnSteps.Keys).Concat(AboutNoOnePerson).Except(writes).Select(e => $"{e}: no such write"));
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Self_every_write_about_a_person_is_refused_to_that_person()
    {
        using var hr = app.ClientFor("hr");
        var failures = new List<string>();
        foreach (var (endpoint, setUp) in SelfCases)
        {
            var (path, body) = await setUp();
            var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            using var response = await hr.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var code = text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var c) ? c.GetString() : null : null;
            if (response.StatusCode != HttpStatusCode.Forbidden || code != SegregationOfDuties.Self)
            {
                failures.Add($"{endpoint} about oneself: {(int)response.StatusCode} {code} (expected 403 self) {text[..Math.Min(text.Length, 300)]}");
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>A contract in force that HR answers for (drafted by the specialist, put in force by the head).</summary>
    private async Task<(int Id, int Version)> OwnContractAsync()
    {
        using var specialist = app.ClientFor("specialist");
        using var head = app.ClientFor("head");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var drafted = await (await specialist.PostAsJsonAsync("/api/v1/maintenance-contracts", new
        {
            number = $"WB-SELF-{Guid.NewGuid():N}"[..20], customerId = 1, responsiblePersonId = await HrAsync(), signedOn = today.AddDays(-10), startsOn = today.AddDays(-10),
            endsOn = today.AddYears(1), amount = 1000m, visitIntervalMonths = 0, visitLeadDays = 0, instalments = new[] { new { dueOn = today, amount = 1000m } },
        })).ExpectAsync<JsonElement>(HttpStatusCode.Created);
        var active = await (await head.PostAsJsonAsync($"/api/v1/maintenance-contracts/{drafted.GetProperty("id").GetInt32()}/activate",
            new { version = drafted.GetProperty("version").GetInt32() })).ExpectAsync<JsonElement>();
        return (active.GetProperty("id").GetInt32(), active.GetProperty("version").GetInt32());
    }

    private Task<int> HrAsync() => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == "E0025").Select(p => p.Id).SingleAsync());

    private async Task<int> PersonVersionAsync()
    {
        var me = await HrAsync();
        return await app.WithDbAsync(db => db.People.Where(p => p.Id == me).Select(p => p.Version).SingleAsync());
    }

    private async Task<object> OwnRecordWithAnotherPositionAsync()
    {
        var me = await HrAsync();
        var p = await app.WithDbAsync(db => db.People.AsNoTracking().SingleAsync(x => x.Id == me));
        var other = await app.WithDbAsync(db => db.Positions.Where(x => x.Id != p.PositionId && x.IsActive).Select(x => x.Id).FirstAsync());
        return new
        {
            p.EmployeeNumber, p.Name, p.Phone, p.Email, positionId = other, p.OrgUnitId, p.SuperiorId, status = p.Status.ToString(), p.HireDate,
            p.ProbationEndDate, p.Version,
        };
    }

    /// <summary>An application of HR's own (HR does not apply through the API — its position is not graded — so it is stored here).</summary>
    private async Task<(int Id, int Version)> OwnApplicationAsync(GradingState state)
    {
        var me = await HrAsync();
        return await app.WithDbAsync(async db =>
        {
            var superior = await db.People.Where(p => p.Id == me).Select(p => p.SuperiorId).SingleAsync();
            var stored = StoredGradeApplication.Open(GradeApplication.Open(GradeScheme.Default, me, superior, null, GradeScheme.Trainee, new DateOnly(2026, 1, 5)).Value!);
            if (state != GradingState.Draft)
            {
                stored.Move(GradingAction.Submit, me, new DateOnly(2026, 1, 5), state, null);
            }

            if (state == GradingState.DepartmentHeadConfirmed)
            {
                stored.SetPanel([5, 6]);
            }

            db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
            db.GradeApplications.Add(stored);
            await db.SaveChangesAsync();
            return (stored.Id, stored.Version);
        });
    }

    private async Task<(int Id, int Version)> OwnDemotionAsync()
    {
        var me = await HrAsync();
        return await app.WithDbAsync(async db =>
        {
            var superior = await db.People.Where(p => p.Id == me).Select(p => p.SuperiorId).SingleAsync();
            var raised = Demotion.Raise(GradeScheme.Default, me, superior, GradeScheme.Default.Levels[2].Code, DemotionCause.RuleViolation, "证据", new DateOnly(2026, 1, 5));
            var stored = StoredDemotion.Raise(raised.Value!, 4, null);
            db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
            db.GradeDemotions.Add(stored);
            await db.SaveChangesAsync();
            return (stored.Id, stored.Version);
        });
    }

    /// <summary>HR's own assessment sheet (made, with a period, when the database has none).</summary>
    private async Task<(string Path, object Body)> OwnSheetAsync(string step, Func<int, object> body)
    {
        var me = await HrAsync();
        var (id, version) = await app.WithDbAsync(async db =>
        {
            var sheet = await db.AssessmentSheets.AsNoTracking().FirstOrDefaultAsync(s => s.PersonId == me);
            if (sheet is null)
            {
                db.Actor = ServiceMark.Web.Infrastructure.Audit.Actor.System;
                var period = await db.AssessmentPeriods.OrderBy(p => p.Id).FirstOrDefaultAsync();
                if (period is null)
                {
                    period = StoredAssessmentPeriod.Open(ServiceMark.Domain.Assessment.AssessmentPeriod.Month(2020, 1), DateTime.UtcNow, "test");
                    db.AssessmentPeriods.Add(period);
                    await db.SaveChangesAsync();
                }

                var plan = await db.AssessmentPlans.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
                sheet = AssessmentSheet.Create(period.Id, me, plan, 4);
                db.AssessmentSheets.Add(sheet);
                await db.SaveChangesAsync();
            }

            return (sheet.Id, sheet.Version);
        });
        return ($"/api/v1/assessment/sheets/{id}/{step}", body(version));
    }

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
            .Replace("{year}", "2999", StringComparison.Ordinal).Replace("{sequence}", "1", StringComparison.Ordinal).Replace("{productModelId}", "999999", StringComparison.Ordinal).Replace("{personId}", "999999", StringComparison.Ordinal)
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
