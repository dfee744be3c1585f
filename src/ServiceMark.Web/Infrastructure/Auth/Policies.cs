using Microsoft.AspNetCore.Authorization;
using ServiceMark.Domain.Organisation;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>The authorization policies. Every endpoint and page names one of these (R-ORG-3).</summary>
public static class Policies
{
    public const string ReadOrganisation = "organisation.read";
    public const string ManageOrganisation = "organisation.manage";
    public const string ManageAccounts = "accounts.manage";
    public const string ReadAudit = "audit.read";
    public const string ReadCustomers = "customers.read";
    public const string ManageCustomers = "customers.manage";
    public const string ManageServiceLevels = "service-levels.manage";
    public const string ReadTickets = "tickets.read-all";
    public const string DispatchTickets = "tickets.dispatch";
    public const string ApproveReports = "tickets.approve-reports";
    public const string WorkOnTickets = "tickets.work";
    public const string ReadComplaints = "complaints.read";
    public const string ManageComplaints = "complaints.manage";

    /// <summary>Whether a complaint is valid and attributable to service (有效投诉 / 确属服务责任): the department head's call alone.</summary>
    public const string DecideComplaintValidity = "complaints.decide-validity";

    /// <summary>Satisfaction follow-up (回访, R-CMP-2): phone surveys, survey links, follow-up tasks.</summary>
    public const string FollowUp = "follow-up";

    /// <summary>Assessment sheets at all; which sheet a person may open is checked per sheet (own, reports', or all).</summary>
    public const string ReadAssessments = "assessment.read";

    /// <summary>Every sheet and the people's scores: HR, the committee (GM, department head) and admins (R-ORG-3).</summary>
    public const string ReadAllAssessments = "assessment.read-all";

    /// <summary>Assessment plans: import, edit drafts, publish (R-ASM-1).</summary>
    public const string ManageAssessmentPlans = "assessment.plans";

    /// <summary>Open periods, score them and move them through the workflow (the domain's table says who does which step).</summary>
    public const string RunAssessments = "assessment.run";

    /// <summary>Yellow and red cards (R-ASM-7).</summary>
    public const string IssueCards = "assessment.cards";

    /// <summary>
    /// Technical grading (R-GRD-4): one's own grade and pay, applications one takes part in (as applicant, superior, panel
    /// member or reviewer — checked per application by the domain's flow table).
    /// </summary>
    public const string TakePartInGrading = "grading.take-part";

    /// <summary>Everyone's grades, the grade distribution and the monthly grade-pay roster: HR, the department head and the GM.</summary>
    public const string ReadGradeRoster = "grading.roster";

    /// <summary>Organise gradings: name panels, record trainings and certificates, raise demotion cases, see demotion flags.</summary>
    public const string ManageGrading = "grading.manage";

    /// <summary>New versions of the grade pay table (R-GRD-2): HR.</summary>
    public const string ManageGradePay = "grading.pay";

    /// <summary>Grade schemes as data (R-GRD-1): grades, eligibility, examination weights and pass marks, cycles — HR and the administrator.</summary>
    public const string ConfigureGradeSchemes = "grading.schemes";

    /// <summary>The department policy (考核与服务参数: bonus shares and ratios, grade cut-offs, service targets, deadlines): read.</summary>
    public const string ReadDepartmentPolicy = "department-policy.read";

    /// <summary>The department policy: new versions — the administrator and the department head.</summary>
    public const string ManageDepartmentPolicy = "department-policy.manage";

    /// <summary>The parts catalogue, the stock locations and their books: read (engineers read their own stock through /stock/mine).</summary>
    public const string ReadParts = "parts.read";

    /// <summary>The catalogue (parts, suppliers, prices) and the stock locations: kept by the warehouse keeper.</summary>
    public const string ManageParts = "parts.manage";

    /// <summary>Posting movements to the ledger (receipts, transfers, issues, returns, scrap): the warehouse keeper's work.</summary>
    public const string PostStock = "stock.post";

    /// <summary>Requisitions: everyone who raises, decides on or issues them (each sees what concerns them).</summary>
    public const string ReadRequisitions = "requisitions.read";

    /// <summary>Raising a requisition (领料单) for parts into one's own personal stock.</summary>
    public const string RaiseRequisitions = "requisitions.raise";

    /// <summary>Deciding on a requisition: the requester's superior, or the department head; never one's own.</summary>
    public const string ApproveRequisitions = "requisitions.approve";

    /// <summary>旧件: the engineer their own, a supervisor their team's, the head, the warehouse keeper, the GM and the administrator all.</summary>
    public const string ReadOldParts = "old-parts.read";

    /// <summary>Travel advances and expense claims (借款/报销): those who file their own, their leaders, HR (who pays), the GM, the administrator.</summary>
    public const string ReadExpenses = "expenses.read";

    /// <summary>Requesting an advance and filing a claim for oneself: the department's staff.</summary>
    public const string FileExpenses = "expenses.file";

    /// <summary>Deciding on an advance or a claim: the person's superior or the department head (the GM for the head's own); never one's own.</summary>
    public const string ApproveExpenses = "expenses.approve";

    /// <summary>Recording that an approved advance or claim was paid (or the surplus returned): HR, who keeps the money side here; never one's own.</summary>
    public const string PayExpenses = "expenses.pay";

    /// <summary>The cost standards HR keeps: the travel allowance table (出差补助标准) and the labour rates per grade (工时费率).</summary>
    public const string ManageAllowances = "expenses.allowances";

    /// <summary>
    /// What service costs: the labour rates per grade and each ticket's cost (单台次服务成本). Leaders, HR and the general
    /// manager; not engineers, since a grade's rate is close to a colleague's pay.
    /// </summary>
    public const string ReadCosts = "expenses.costs";

    /// <summary>Setting the department's annual budget (年度费用预算): the department head and HR.</summary>
    public const string ManageBudgets = "budgets.manage";

    /// <summary>Maintenance contracts (维保合同) and their receivables: the service office and leaders all; an engineer the ones they
    /// answer for (checked per contract).</summary>
    public const string ReadContracts = "contracts.read";

    /// <summary>Drafting, editing, cancelling and terminating contracts: the service office and its leaders.</summary>
    public const string ManageContracts = "contracts.manage";

    /// <summary>Putting a contract in force (its amount is scored to the person answering for it): the department head and the GM.</summary>
    public const string ActivateContracts = "contracts.activate";

    /// <summary>Invoices and payments received on contracts (开票、回款): finance (HR here), the service office and the department head.</summary>
    public const string RecordReceipts = "contracts.receipts";

    /// <summary>Returned products (退换货、返厂维修): the service office, the warehouse and leaders all; an engineer the ones they
    /// answer for (checked per return).</summary>
    public const string ReadReturns = "returns.read";

    /// <summary>Receiving, testing, sending back, refunding and reassigning returns: the service office, the warehouse and its leaders
    /// (the inspection and the repair also by the person answering for it).</summary>
    public const string ManageReturns = "returns.manage";

    /// <summary>Installation plans (安装调试计划): the service office, leaders and the GM all; an engineer the ones in whose crew they are.</summary>
    public const string ReadInstallations = "installations.read";

    /// <summary>Planning, editing, releasing (which dispatches the plan's ticket) and cancelling installations: the service office and its leaders.</summary>
    public const string ManageInstallations = "installations.manage";

    public const string Administer = "admin";

    /// <summary>Roles allowed by each policy: one table to read who may do what.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [ReadOrganisation] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist,
            RoleNames.Hr, RoleNames.GeneralManager, RoleNames.WarehouseKeeper, RoleNames.MarketingVp, RoleNames.HrVp,
        ],
        [ManageOrganisation] = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead],
        [ManageAccounts] = [RoleNames.Admin, RoleNames.Hr],
        [ReadAudit] = [RoleNames.Admin],
        [ReadCustomers] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager,
            RoleNames.WarehouseKeeper,
        ],
        [ManageCustomers] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [ManageServiceLevels] = [RoleNames.Admin, RoleNames.DepartmentHead],
        [ReadTickets] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager],
        [DispatchTickets] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [ApproveReports] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor],

        // Everyone who reads all tickets, plus engineers for the tickets assigned to them (checked per ticket).
        [WorkOnTickets] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager, RoleNames.Engineer,
        ],
        [ReadComplaints] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager],
        [ManageComplaints] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [DecideComplaintValidity] = [RoleNames.DepartmentHead],
        [FollowUp] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [ReadAssessments] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.WarehouseKeeper,
            RoleNames.Hr, RoleNames.GeneralManager, RoleNames.MarketingVp, RoleNames.HrVp,
        ],
        [ReadAllAssessments] = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager],
        [ManageAssessmentPlans] = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead],
        [RunAssessments] = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager],
        [IssueCards] = [RoleNames.Admin, RoleNames.Hr, RoleNames.DepartmentHead],

        // Admin is absent from grading on purpose: an administrator manages data, not approvals or pay.
        [TakePartInGrading] = [.. RoleNames.PositionRoles],
        [ReadGradeRoster] = [RoleNames.Hr, RoleNames.DepartmentHead, RoleNames.GeneralManager],
        [ManageGrading] = [RoleNames.Hr, RoleNames.DepartmentHead],
        [ManageGradePay] = [RoleNames.Hr],
        [ConfigureGradeSchemes] = [RoleNames.Admin, RoleNames.Hr],
        [ReadDepartmentPolicy] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Hr, RoleNames.GeneralManager],
        [ManageDepartmentPolicy] = [RoleNames.Admin, RoleNames.DepartmentHead],
        [ReadParts] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.GeneralManager,
        ],
        [ManageParts] = [RoleNames.Admin, RoleNames.WarehouseKeeper],
        [PostStock] = [RoleNames.WarehouseKeeper],
        [ReadRequisitions] = [RoleNames.Engineer, RoleNames.Supervisor, RoleNames.DepartmentHead, RoleNames.WarehouseKeeper, RoleNames.Admin],
        [RaiseRequisitions] = [RoleNames.Engineer, RoleNames.Supervisor],
        [ApproveRequisitions] = [RoleNames.Supervisor, RoleNames.DepartmentHead],
        [ReadOldParts] =
        [
            RoleNames.Engineer, RoleNames.Supervisor, RoleNames.DepartmentHead, RoleNames.WarehouseKeeper, RoleNames.Admin, RoleNames.GeneralManager,
        ],
        [ReadExpenses] =
        [
            RoleNames.Engineer, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.DepartmentHead, RoleNames.Hr,
            RoleNames.GeneralManager, RoleNames.Admin,
        ],
        [FileExpenses] = [RoleNames.Engineer, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.DepartmentHead],
        [ApproveExpenses] = [RoleNames.Supervisor, RoleNames.DepartmentHead, RoleNames.GeneralManager],
        [PayExpenses] = [RoleNames.Hr],
        [ManageBudgets] = [RoleNames.DepartmentHead, RoleNames.Hr],
        [ReadCosts] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Hr, RoleNames.GeneralManager],
        [ManageAllowances] = [RoleNames.Admin, RoleNames.Hr],
        [ReadContracts] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.Hr,
            RoleNames.GeneralManager,
        ],
        [ManageContracts] = [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [ActivateContracts] = [RoleNames.DepartmentHead, RoleNames.GeneralManager],
        [RecordReceipts] = [RoleNames.Hr, RoleNames.Specialist, RoleNames.DepartmentHead],
        [ReadReturns] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.WarehouseKeeper,
            RoleNames.GeneralManager,
        ],
        [ManageReturns] = [RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper],
        [ReadInstallations] =
        [
            RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.GeneralManager,
        ],
        [ManageInstallations] = [RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist],
        [Administer] = [RoleNames.Admin],
    };

    /// <summary>
    /// Whose sign-in each role may create or reset (issue 10): HR only for the people below the department head — never the
    /// GM, the VPs, the department head (who approves and decides above HR) or an administrator account; an administrator
    /// for anyone. An account counts by every role it holds (its position's and admin).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> AccountsManagedBy = new Dictionary<string, string[]>
    {
        [RoleNames.Admin] = [.. RoleNames.All],
        [RoleNames.Hr] = [RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Engineer, RoleNames.WarehouseKeeper, RoleNames.Hr],
    };

    /// <summary>Whether <paramref name="user"/> may create or reset an account that holds <paramref name="targetRoles"/>.</summary>
    public static bool MayManageAccountWith(System.Security.Claims.ClaimsPrincipal user, IReadOnlyCollection<string> targetRoles) =>
        AccountsManagedBy.Any(r => user.IsInRole(r.Key) && targetRoles.All(r.Value.Contains));

    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        foreach (var (name, roles) in Roles)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
