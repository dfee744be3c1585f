using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Complaints;
using ServiceMark.Domain.ContactLog;
using ServiceMark.Domain.Customers;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tickets;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Features.Attachments;
using ServiceMark.Web.Features.Calendars;
using ServiceMark.Web.Features.Surveys;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.ServiceLevels;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Data;

/// <summary>
/// The one DbContext. Each provider has a thin subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgresAppDbContext"/>) that owns its own migrations.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private readonly TimeProvider clock;

    protected AppDbContext(DbContextOptions options, TimeProvider clock) : base(options)
    {
        this.clock = clock;
    }

    public DbSet<Person> People => Set<Person>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ProductModel> ProductModels => Set<ProductModel>();
    public DbSet<ProductUnit> ProductUnits => Set<ProductUnit>();
    public DbSet<ContactLogEntry> ContactLog => Set<ContactLogEntry>();
    public DbSet<ServiceLevelPolicy> ServiceLevelPolicies => Set<ServiceLevelPolicy>();
    public DbSet<ServiceTicket> Tickets => Set<ServiceTicket>();
    public DbSet<Features.Tickets.TicketServiceLevelOutcome> TicketServiceLevelOutcomes => Set<Features.Tickets.TicketServiceLevelOutcome>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<StoredCalendar> Calendars => Set<StoredCalendar>();
    public DbSet<StoredHolidayYear> CalendarHolidayYears => Set<StoredHolidayYear>();
    public DbSet<SatisfactionSurvey> SatisfactionSurveys => Set<SatisfactionSurvey>();
    public DbSet<SurveyLink> SurveyLinks => Set<SurveyLink>();
    public DbSet<FollowUpTask> FollowUpTasks => Set<FollowUpTask>();
    public DbSet<FollowUpSettings> FollowUpSettings => Set<FollowUpSettings>();

    public DbSet<Features.DepartmentPolicies.DepartmentPolicyVersion> DepartmentPolicies => Set<Features.DepartmentPolicies.DepartmentPolicyVersion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Infrastructure.Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Infrastructure.Idempotency.IdempotencyRecord>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<SlaAlertRecord> SlaAlerts => Set<SlaAlertRecord>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Features.Reminders.OverdueReminderRecord> OverdueReminders => Set<Features.Reminders.OverdueReminderRecord>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();

    /// <summary>The ASP.NET Core data-protection key ring, shared by every app instance on this database (cookies, bearer tokens, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Features.Organisation.PersonSkill> PersonSkills => Set<Features.Organisation.PersonSkill>();
    public DbSet<Features.Tickets.TicketNumberCounter> TicketNumberCounters => Set<Features.Tickets.TicketNumberCounter>();
    public DbSet<Features.Assessment.StoredAssessmentPlan> AssessmentPlans => Set<Features.Assessment.StoredAssessmentPlan>();
    public DbSet<Features.Assessment.StoredAssessmentPeriod> AssessmentPeriods => Set<Features.Assessment.StoredAssessmentPeriod>();
    public DbSet<Features.Assessment.AssessmentSheet> AssessmentSheets => Set<Features.Assessment.AssessmentSheet>();
    public DbSet<Features.Assessment.SheetInput> AssessmentInputs => Set<Features.Assessment.SheetInput>();
    public DbSet<Features.Assessment.AssessmentReminderRecord> AssessmentReminders => Set<Features.Assessment.AssessmentReminderRecord>();
    public DbSet<Features.Assessment.DisciplinaryCard> DisciplinaryCards => Set<Features.Assessment.DisciplinaryCard>();
    public DbSet<Features.Grading.PersonGrade> PersonGrades => Set<Features.Grading.PersonGrade>();
    public DbSet<Features.Grading.StoredPayTable> GradePayTables => Set<Features.Grading.StoredPayTable>();
    public DbSet<Features.Grading.PersonQualification> PersonQualifications => Set<Features.Grading.PersonQualification>();
    public DbSet<Features.Grading.StoredGradeApplication> GradeApplications => Set<Features.Grading.StoredGradeApplication>();
    public DbSet<Features.Grading.StoredDemotion> GradeDemotions => Set<Features.Grading.StoredDemotion>();
    public DbSet<Features.Grading.StoredGradeScheme> GradeSchemes => Set<Features.Grading.StoredGradeScheme>();
    public DbSet<Features.Grading.GradingWindowReminder> GradingWindowReminders => Set<Features.Grading.GradingWindowReminder>();
    public DbSet<Domain.Parts.Supplier> Suppliers => Set<Domain.Parts.Supplier>();
    public DbSet<Domain.Parts.SparePart> SpareParts => Set<Domain.Parts.SparePart>();
    public DbSet<Domain.Parts.StockLocation> StockLocations => Set<Domain.Parts.StockLocation>();
    public DbSet<Domain.Parts.LedgerEntry> LedgerEntries => Set<Domain.Parts.LedgerEntry>();
    public DbSet<Features.Parts.StockBalance> StockBalances => Set<Features.Parts.StockBalance>();
    public DbSet<Features.Parts.StockLimit> StockLimits => Set<Features.Parts.StockLimit>();
    public DbSet<Domain.Parts.PartRequisition> PartRequisitions => Set<Domain.Parts.PartRequisition>();

    public DbSet<Domain.Parts.OldPart> OldParts => Set<Domain.Parts.OldPart>();

    public DbSet<Domain.Parts.SupplierClaim> SupplierClaims => Set<Domain.Parts.SupplierClaim>();

    public DbSet<Domain.Parts.StockTake> StockTakes => Set<Domain.Parts.StockTake>();
    public DbSet<Domain.Expenses.PerDiemAllowance> PerDiemAllowances => Set<Domain.Expenses.PerDiemAllowance>();
    public DbSet<Domain.Expenses.TravelAdvance> TravelAdvances => Set<Domain.Expenses.TravelAdvance>();
    public DbSet<Domain.Expenses.ExpenseClaim> ExpenseClaims => Set<Domain.Expenses.ExpenseClaim>();
    public DbSet<Domain.Expenses.LabourRate> LabourRates => Set<Domain.Expenses.LabourRate>();
    public DbSet<Domain.Expenses.StandardCost> StandardCosts => Set<Domain.Expenses.StandardCost>();
    public DbSet<Domain.Budgets.DepartmentBudget> DepartmentBudgets => Set<Domain.Budgets.DepartmentBudget>();
    public DbSet<Domain.Budgets.BudgetRevision> BudgetRevisions => Set<Domain.Budgets.BudgetRevision>();
    public DbSet<Domain.Contracts.MaintenanceContract> MaintenanceContracts => Set<Domain.Contracts.MaintenanceContract>();
    public DbSet<Domain.Contracts.ContractInstalment> ContractInstalments => Set<Domain.Contracts.ContractInstalment>();
    public DbSet<Domain.Contracts.ContractPayment> ContractPayments => Set<Domain.Contracts.ContractPayment>();
    public DbSet<Domain.Contracts.PaymentAllocation> PaymentAllocations => Set<Domain.Contracts.PaymentAllocation>();
    public DbSet<Domain.Contracts.PlannedVisit> PlannedVisits => Set<Domain.Contracts.PlannedVisit>();
    public DbSet<Domain.Contracts.MaintenanceChecklist> MaintenanceChecklists => Set<Domain.Contracts.MaintenanceChecklist>();
    public DbSet<Domain.Contracts.MaintenanceRecord> MaintenanceRecords => Set<Domain.Contracts.MaintenanceRecord>();
    public DbSet<Domain.Returns.ProductReturn> ProductReturns => Set<Domain.Returns.ProductReturn>();
    public DbSet<Domain.Returns.ReturnTest> ReturnTests => Set<Domain.Returns.ReturnTest>();
    public DbSet<Domain.Installations.InstallationPlan> InstallationPlans => Set<Domain.Installations.InstallationPlan>();
    public DbSet<Domain.Expenses.PaidServiceApproval> PaidServiceApprovals => Set<Domain.Expenses.PaidServiceApproval>();
    public DbSet<Domain.Expenses.CashHandOver> CashHandOvers => Set<Domain.Expenses.CashHandOver>();

    /// <summary>Who makes the changes saved next; required when audited entities change.</summary>
    public Actor? Actor { get; set; }

    /// <summary>The reason the current change is being made; copied into its audit rows.</summary>
    public string? ChangeReason { get; set; }

    /// <summary>The audit action of rows added in the current change instead of "Added" (e.g. "Imported" for brought-in history).</summary>
    public string? AddedAs { get; set; }

    private List<Func<object>> rowsOnceIdsAreKnown = [];

    /// <summary>
    /// A row that names a row being inserted by its database id (e.g. the idempotency record of a new ticket): built by the
    /// next save once the ids are assigned, and written in the statement batch of the audit rows, in the same transaction.
    /// Saves a statement (and a round trip inside the write transaction) against a second SaveChanges.
    /// </summary>
    public void AddOnceIdsAreKnown(Func<object> row) => rowsOnceIdsAreKnown.Add(row);

    /// <summary>
    /// Drops what one unit of work left behind (tracked rows, rows waiting for ids, its actor and reason) so that the next one
    /// starts clean on the same context: the ticket writer runs a batch of creations on one context (TicketWriter).
    /// </summary>
    internal void ForgetPendingWork()
    {
        ChangeTracker.Clear();
        rowsOnceIdsAreKnown = [];
        Actor = null;
        ChangeReason = null;
        AddedAs = null;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("ServiceMark.Web", StringComparison.Ordinal) == true);
        Features.Tickets.TicketFactColumns.Configure(builder.Entity<ServiceTicket>(), Database.IsSqlite());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // The data-protection key store (PersistKeysToDbContext) saves a new key synchronously; keys are not audited.
        if (ChangeTracker.Entries().All(e => e.Entity is DataProtectionKey || e.State == EntityState.Unchanged))
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        throw new NotSupportedException("Use SaveChangesAsync: writes are asynchronous and audited.");
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseAuditChanges();
        BumpVersions();
        var changes = AuditRecorder.Capture(ChangeTracker);
        var followUps = rowsOnceIdsAreKnown;
        rowsOnceIdsAreKnown = [];
        if (changes.Count == 0 && followUps.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var actor = changes.Count == 0 ? null : Actor ?? throw new InvalidOperationException("Set AppDbContext.Actor before saving audited changes.");

        // New rows get their ids on insert, so the audit rows follow in a second statement batch,
        // inside one transaction: the change and its audit commit together or not at all.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var row in followUps)
            {
                Add(row());
            }

            if (actor is not null)
            {
                AuditEntries.AddRange(AuditRecorder.ToEntries(changes, actor, ChangeReason, clock.GetUtcNow().UtcDateTime, AddedAs));
            }

            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }
}
