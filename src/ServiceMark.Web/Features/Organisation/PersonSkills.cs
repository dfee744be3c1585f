using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>
/// An engineer's skill in one fault category with its proficiency, 1 (can assist) … 5 (expert): what dispatch ranks by
/// (R-TKT-6). Kept by the department head or HR; every change audited.
/// </summary>
public sealed class PersonSkill : IAudited
{
    public const int MinProficiency = 1;
    public const int MaxProficiency = 5;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public FaultCategory FaultCategory { get; private set; }
    public int Proficiency { get; private set; }

    private PersonSkill()
    {
    }

    public static PersonSkill Create(int personId, FaultCategory category, int proficiency) =>
        new() { PersonId = personId, FaultCategory = category, Proficiency = proficiency };
}

internal sealed class PersonSkillConfiguration : IEntityTypeConfiguration<PersonSkill>
{
    public void Configure(EntityTypeBuilder<PersonSkill> b)
    {
        b.ToTable("PersonSkills");
        b.HasIndex(s => new { s.PersonId, s.FaultCategory }).IsUnique();
        b.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record SkillLine(string? FaultCategory, int? Proficiency);

/// <summary>
/// The whole list of a person's skills (an empty list removes them all) and the version of the person record it was
/// read with: skills are part of the person, so a change to either makes the other's edit stale (409).
/// </summary>
public sealed record SkillsRequest(IReadOnlyList<SkillLine>? Skills, int? Version = null);

public sealed record SkillView(FaultCategory FaultCategory, int Proficiency);

/// <summary>A person's skills with the version of the person record, to send back with the next change.</summary>
public sealed record PersonSkillsView(int Version, IReadOnlyList<SkillView> Skills);

public sealed class PersonSkillHandlers(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<Result<PersonSkillsView>> GetAsync(int personId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var version = await db.People.Where(p => p.Id == personId).Select(p => (int?)p.Version).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return Refusal.NotFound("Person");
        }

        if (!user.Can(Policies.ReadOrganisation) && user.PersonId() != personId)
        {
            return Refusal.Forbidden("You may see only your own skills.");
        }

        return new PersonSkillsView(version.Value, await ListAsync(db, personId, ct));
    }

    /// <summary>
    /// Replaces the person's skills with the given list (one line per fault category). A missing list is refused, never read
    /// as "no skills": <c>{}</c> must not wipe them. The person's version guards the write like any other edit of the person.
    /// </summary>
    public async Task<Result<PersonSkillsView>> ReplaceAsync(int personId, SkillsRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (r.Skills is null)
        {
            errors.Add("skills", "required", "skills is required: the whole list of skills (an empty list removes them all).");
        }

        if (r.Version is null)
        {
            errors.Add("version", "required", "version is required: the person's version the skills were read with.");
        }

        var lines = r.Skills ?? [];
        var parsed = new List<(FaultCategory Category, int Proficiency)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"skills[{i}]";
            if (lines[i] is null)
            {
                errors.Add(field, "required", "A skill line needs faultCategory and proficiency.");
                continue;
            }

            if (!Enum.TryParse<FaultCategory>(lines[i].FaultCategory, ignoreCase: true, out var category) || !Enum.IsDefined(category) || int.TryParse(lines[i].FaultCategory, out _))
            {
                errors.Add($"{field}.faultCategory", "unknown", $"faultCategory must be one of: {string.Join(", ", Enum.GetNames<FaultCategory>())}.");
                continue;
            }

            if (lines[i].Proficiency is not (>= PersonSkill.MinProficiency and <= PersonSkill.MaxProficiency) || lines[i].Proficiency is null)
            {
                errors.Add($"{field}.proficiency", "out_of_range", $"proficiency must be {PersonSkill.MinProficiency} to {PersonSkill.MaxProficiency}.");
                continue;
            }

            if (parsed.Any(p => p.Category == category))
            {
                errors.Add($"{field}.faultCategory", "duplicate", $"{category} is listed twice.");
                continue;
            }

            parsed.Add((category, lines[i].Proficiency!.Value));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return Refusal.NotFound("Person");
        }

        // The skills change the person: the version moves on (and is checked) in the same save as the skill rows.
        var version = db.Entry(person).Property(p => p.Version);
        version.OriginalValue = r.Version!.Value;
        version.IsModified = true;
        db.PersonSkills.RemoveRange(await db.PersonSkills.Where(s => s.PersonId == personId).ToListAsync(ct));
        db.PersonSkills.AddRange(parsed.Select(p => PersonSkill.Create(personId, p.Category, p.Proficiency)));
        if (!await db.TrySaveAsync(user, ct, "skills updated"))
        {
            return Refusal.StaleVersion();
        }

        return new PersonSkillsView(person.Version, await ListAsync(db, personId, ct));
    }

    private static async Task<IReadOnlyList<SkillView>> ListAsync(AppDbContext db, int personId, CancellationToken ct) =>
        (await db.PersonSkills.AsNoTracking().Where(s => s.PersonId == personId).ToListAsync(ct))
            .OrderBy(s => s.FaultCategory).Select(s => new SkillView(s.FaultCategory, s.Proficiency)).ToList();
}

public static class PersonSkillEndpoints
{
    public static IEndpointRouteBuilder MapPersonSkillEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/people/{id:int}/skills", async (int id, PersonSkillHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.GetAsync(id, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("People").WithName("GetPersonSkills").RequireAuthorization(Policies.ReadAssessments);
        app.MapPut("/api/v1/people/{id:int}/skills", async (int id, SkillsRequest r, PersonSkillHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.ReplaceAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("People").WithName("ReplacePersonSkills").RequireAuthorization(Policies.ManageOrganisation);
        return app;
    }
}
