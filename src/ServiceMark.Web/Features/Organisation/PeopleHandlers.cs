using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>The people use cases, shared by the API and the pages.</summary>
public sealed class PeopleHandlers(IDbContextFactory<AppDbContext> contexts)
{
    public const int MaxPageSize = 200;

    public async Task<PageOf<PersonView>> SearchAsync(PeopleQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var people = db.People.AsNoTracking();
        if (!query.IncludeInactive)
        {
            people = people.Where(p => p.IsActive);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            people = people.Where(p => p.Name.Contains(term) || p.EmployeeNumber.Contains(term));
        }

        if (query.Status is { } status)
        {
            people = people.Where(p => p.Status == status);
        }

        if (query.OrgUnitId is { } unitId)
        {
            people = people.Where(p => p.OrgUnitId == unitId);
        }

        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = Math.Max(query.Page, 1);
        var total = await people.CountAsync(ct);
        var items = await Project(db, people).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageOf<PersonView>(items, total, page, pageSize);
    }

    /// <summary>The people who report directly to <paramref name="superiorId"/>.</summary>
    public async Task<IReadOnlyList<PersonView>> DirectReportsAsync(int superiorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.People.AsNoTracking().Where(p => p.SuperiorId == superiorId && p.IsActive)).ToListAsync(ct);
    }

    /// <summary>People whose probation ends within <paramref name="days"/> days of <paramref name="today"/> (or has already ended).</summary>
    public async Task<IReadOnlyList<PersonView>> ProbationEndingAsync(DateOnly today, int days, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var limit = today.AddDays(days);
        return await Project(db, db.People.AsNoTracking()
                .Where(p => p.IsActive && p.Status == EmploymentStatus.Probation && p.ProbationEndDate != null && p.ProbationEndDate <= limit))
            .ToListAsync(ct);
    }

    public async Task<PersonView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Project(db, db.People.AsNoTracking().Where(p => p.Id == id)).FirstOrDefaultAsync(ct);
    }

    public async Task<Result<PersonView>> CreateAsync(PersonRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var checkedDetails = await CheckAsync(db, request, personId: null, ct);
        if (!checkedDetails.Succeeded)
        {
            return checkedDetails.Refusal!;
        }

        var person = Person.Create(checkedDetails.Value!);
        db.People.Add(person);
        db.Actor = Actor.From(user);
        await db.SaveChangesAsync(ct);
        return (await GetAsync(person.Id, ct))!;
    }

    public async Task<Result<PersonView>> UpdateAsync(int id, PersonRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        var checkedDetails = await CheckAsync(db, request, id, ct);
        if (!checkedDetails.Succeeded)
        {
            return checkedDetails.Refusal!;
        }

        // One's own contact details may be kept up to date; what sets one's role, pay, grade eligibility or reviewer may not.
        var d = checkedDetails.Value!;
        var payRelevant = person.PositionId != d.PositionId || person.OrgUnitId != d.OrgUnitId || person.SuperiorId != d.SuperiorId
                          || person.Status != d.Status || person.HireDate != d.HireDate || person.ProbationEndDate != d.ProbationEndDate;
        if (payRelevant && user.RefuseSelf(id, "changing one's own position, unit, superior, status or dates") is { } self)
        {
            return self;
        }

        var positionChanged = person.PositionId != checkedDetails.Value!.PositionId || person.Status != checkedDetails.Value.Status;
        db.Entry(person).Property(p => p.Version).OriginalValue = request.Version;
        person.Update(checkedDetails.Value);
        if (positionChanged)
        {
            await RefreshSignInAsync(db, id, blockSignIn: null, ct);
        }

        return await SaveAsync(db, user, reason: null, id, ct);
    }

    public async Task<Result<PersonView>> DeactivateAsync(int id, DeactivateRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return Refusal.Invalid("reason", "required", "reason is required (at most 500 characters).");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        if (user.RefuseSelf(id, "deactivating one's own record") is { } self)
        {
            return self;
        }

        if (!person.IsActive)
        {
            return Refusal.Conflict("already_inactive", "The person is already deactivated.");
        }

        db.Entry(person).Property(p => p.Version).OriginalValue = request.Version;
        person.Deactivate(request.Reason);
        await RefreshSignInAsync(db, id, blockSignIn: true, ct);
        return await SaveAsync(db, user, request.Reason.Trim(), id, ct);
    }

    public async Task<Result<PersonView>> ReactivateAsync(int id, DeactivateRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        if (user.RefuseSelf(id, "reactivating one's own record") is { } self)
        {
            return self;
        }

        if (person.IsActive)
        {
            return Refusal.Conflict("already_active", "The person is already active.");
        }

        db.Entry(person).Property(p => p.Version).OriginalValue = request.Version;
        person.Reactivate();
        await RefreshSignInAsync(db, id, blockSignIn: false, ct);
        return await SaveAsync(db, user, request.Reason?.Trim(), id, ct);
    }

    private async Task<Result<PersonView>> SaveAsync(AppDbContext db, ClaimsPrincipal user, string? reason, int id, CancellationToken ct)
    {
        return await db.TrySaveAsync(user, ct, reason) ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    /// <summary>
    /// A changed position or status changes roles: a new security stamp makes the next cookie check re-issue them
    /// (or sign the person out). A deactivated person's account is locked until reactivation.
    /// </summary>
    private static async Task RefreshSignInAsync(AppDbContext db, int personId, bool? blockSignIn, CancellationToken ct)
    {
        var account = await db.Users.FirstOrDefaultAsync(u => u.PersonId == personId, ct);
        if (account is null)
        {
            return;
        }

        account.SecurityStamp = Guid.NewGuid().ToString("N");
        if (blockSignIn is { } block)
        {
            account.LockoutEnabled = true;
            account.LockoutEnd = block ? new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero) : null;
        }
    }

    internal static async Task<Result<PersonDetails>> CheckAsync(AppDbContext db, PersonRequest r, int? personId, CancellationToken ct)
    {
        var status = ParseStatus(r.Status);
        var details = new PersonDetails(
            r.EmployeeNumber ?? "", r.Name ?? "", r.Phone, r.Email, r.PositionId, r.OrgUnitId, r.SuperiorId,
            status ?? EmploymentStatus.Regular, r.HireDate ?? default, r.ProbationEndDate);
        var errors = PersonRules.Check(details);
        if (status is null)
        {
            errors.Add("status", "unknown", $"status must be one of: {string.Join(", ", Enum.GetNames<EmploymentStatus>())}.");
        }

        if (r.HireDate is null)
        {
            errors.Add("hireDate", "required", "hireDate is required.");
        }

        var number = details.EmployeeNumber.Trim();
        var duplicate = number.Length > 0 && await db.People.AnyAsync(p => p.EmployeeNumber == number && p.Id != personId, ct)
            ? Refusal.Duplicate("employeeNumber", $"Employee number {number} is already in use.")
            : null;

        if (r.PositionId > 0 && !await db.Positions.AnyAsync(p => p.Id == r.PositionId && p.IsActive, ct))
        {
            errors.Add("positionId", "unknown", "positionId does not name an active position.");
        }

        if (r.OrgUnitId > 0 && !await db.OrgUnits.AnyAsync(u => u.Id == r.OrgUnitId && u.IsActive, ct))
        {
            errors.Add("orgUnitId", "unknown", "orgUnitId does not name an active unit.");
        }

        if (r.SuperiorId is { } superiorId)
        {
            await CheckSuperiorAsync(db, personId, superiorId, errors, ct);
        }

        return errors.Refuse(duplicate) is { } refused ? refused : Result<PersonDetails>.Ok(details);
    }

    private static async Task CheckSuperiorAsync(AppDbContext db, int? personId, int superiorId, FieldErrors errors, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == superiorId && p.IsActive, ct))
        {
            errors.Add("superiorId", "unknown", "superiorId does not name an active person.");
            return;
        }

        if (personId is { } id)
        {
            var lines = await db.People.AsNoTracking().Where(p => p.SuperiorId != null)
                .ToDictionaryAsync(p => p.Id, p => p.SuperiorId, ct);
            if (PersonRules.WouldCreateReportingCycle(id, superiorId, x => lines.GetValueOrDefault(x)))
            {
                errors.Add("superiorId", "cycle", "The chosen superior reports (directly or indirectly) to this person.");
            }
        }
    }

    internal static EmploymentStatus? ParseStatus(string? value) =>
        value?.Trim() switch
        {
            null or "" => null,
            "试用期" or "见习期" => EmploymentStatus.Probation,
            "正式" or "在职" => EmploymentStatus.Regular,
            "转岗" => EmploymentStatus.Transferred,
            "离职" => EmploymentStatus.Left,
            var s when Enum.TryParse<EmploymentStatus>(s, ignoreCase: true, out var parsed) && !int.TryParse(s, out _) => parsed,
            _ => null,
        };

    private static IQueryable<PersonView> Project(AppDbContext db, IQueryable<Person> people) =>
        from p in people
        join pos in db.Positions on p.PositionId equals pos.Id
        join unit in db.OrgUnits on p.OrgUnitId equals unit.Id
        join s in db.People on p.SuperiorId equals s.Id into superiors
        from superior in superiors.DefaultIfEmpty()
        orderby p.EmployeeNumber
        select new PersonView(
            p.Id, p.EmployeeNumber, p.Name, p.Phone, p.Email, p.PositionId, pos.Name, pos.Role, p.OrgUnitId, unit.Name,
            p.SuperiorId, superior != null ? superior.Name : null, p.Status, p.HireDate, p.ProbationEndDate, p.IsActive,
            p.DeactivationReason, p.Version);
}
