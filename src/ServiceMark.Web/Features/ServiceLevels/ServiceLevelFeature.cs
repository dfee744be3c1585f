using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.ServiceLevels;

/// <summary>A policy as edited: targets in hours (decimal, e.g. 0.5), criteria as their names; null = "any" / "no target".</summary>
public sealed record ServiceLevelPolicyRequest(
    string? Name,
    string? Description,
    string? FaultCategory,
    decimal? MinDistanceKm,
    decimal? MaxDistanceKm,
    bool? RequiresSupplier,
    string? Urgency,
    decimal? FirstResponseHours,
    decimal? ArrivalHours,
    decimal? ResolutionHours,
    decimal? WrittenContactHours,
    bool CountsWorkingTime,
    bool ResolutionCountsWorkingTime,
    int Priority,
    bool IsActive = true,
    int Version = 0,
    decimal? RemoteResolutionHours = null)
{
    public ServiceLevelPolicyDetails ToDetails() => new(
        Name?.Trim() ?? "", Description, Blank(FaultCategory), MinDistanceKm, MaxDistanceKm, RequiresSupplier, Blank(Urgency),
        Hours(FirstResponseHours), Hours(ArrivalHours), Hours(ResolutionHours), Hours(WrittenContactHours),
        CountsWorkingTime, ResolutionCountsWorkingTime, Priority, IsActive, Hours(RemoteResolutionHours));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    // Out-of-range hours become a non-positive span that the policy rules reject with a field error.
    private static TimeSpan? Hours(decimal? hours) =>
        hours is { } h ? (h is > 0 and < 100_000 ? TimeSpan.FromMinutes((double)Math.Round(h * 60, 0)) : TimeSpan.Zero) : null;
}

public sealed record ServiceLevelPolicyView(int Id, string Name, string? Description, string? FaultCategory, decimal? MinDistanceKm, decimal? MaxDistanceKm,
    bool? RequiresSupplier, string? Urgency, decimal? FirstResponseHours, decimal? ArrivalHours, decimal? ResolutionHours, decimal? WrittenContactHours,
    bool CountsWorkingTime, bool ResolutionCountsWorkingTime, int Priority, bool IsActive, int Version, decimal? RemoteResolutionHours = null)
{
    public static ServiceLevelPolicyView From(ServiceLevelPolicy p) => new(p.Id, p.Name, p.Description, p.FaultCategory, p.MinDistanceKm, p.MaxDistanceKm,
        p.RequiresSupplier, p.Urgency, Hours(p.FirstResponse), Hours(p.Arrival), Hours(p.Resolution), Hours(p.WrittenContact),
        p.CountsWorkingTime, p.ResolutionCountsWorkingTime, p.Priority, p.IsActive, p.Version, Hours(p.RemoteResolution));

    private static decimal? Hours(TimeSpan? t) => t is { } span ? Rounding.Round((decimal)span.TotalHours) : null;
}

/// <summary>Service-level policies as data (R-SLA-1): seeded with the seed defaults, edited by the department head or admin.</summary>
public sealed class ServiceLevelHandlers(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<ServiceLevelPolicyView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policies = await db.ServiceLevelPolicies.AsNoTracking().OrderByDescending(p => p.IsActive).ThenBy(p => p.Id).ToListAsync(ct);
        return policies.Select(ServiceLevelPolicyView.From).ToList();
    }

    public async Task<Result<ServiceLevelPolicyView>> SaveAsync(int? id, ServiceLevelPolicyRequest request, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var details = request.ToDetails();
        var errors = ServiceLevelPolicyRules.Check(details);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        ServiceLevelPolicy? policy;
        if (id is { } existing)
        {
            policy = await db.ServiceLevelPolicies.FirstOrDefaultAsync(p => p.Id == existing, ct);
            if (policy is null)
            {
                return Refusal.NotFound("Service-level policy");
            }

            db.Entry(policy).Property(p => p.Version).OriginalValue = request.Version;
            policy.Update(details);
        }
        else
        {
            policy = ServiceLevelPolicy.Create(details);
            db.ServiceLevelPolicies.Add(policy);
        }

        return await db.TrySaveAsync(user, ct) ? ServiceLevelPolicyView.From(policy) : Refusal.StaleVersion();
    }

    /// <summary>First run (any environment): the seed policies, so tickets always get a service level.</summary>
    public static async Task SeedDefaultsAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.ServiceLevelPolicies.AnyAsync(ct))
        {
            return;
        }

        // Re-created without the seed's fixed ids: the database assigns ids (identity sequences stay right on PostgreSQL).
        db.ServiceLevelPolicies.AddRange(ServiceLevelDefaults.Seed().Select(p => ServiceLevelPolicy.Create(p.ToDetails())));
        db.Actor = Infrastructure.Audit.Actor.System;
        db.ChangeReason = "default service levels (R-SLA-1)";
        await db.SaveChangesAsync(ct);
    }
}

internal sealed class ServiceLevelPolicyConfiguration : IEntityTypeConfiguration<ServiceLevelPolicy>
{
    public void Configure(EntityTypeBuilder<ServiceLevelPolicy> b)
    {
        b.ToTable("ServiceLevelPolicies");
        b.Property(p => p.Name).HasMaxLength(ServiceLevelPolicyRules.NameMaxLength);
        b.Property(p => p.Description).HasMaxLength(ServiceLevelPolicyRules.DescriptionMaxLength);
        b.Property(p => p.FaultCategory).HasMaxLength(40);
        b.Property(p => p.Urgency).HasMaxLength(20);
        b.Property(p => p.MinDistanceKm).HasPrecision(9, 1);
        b.Property(p => p.MaxDistanceKm).HasPrecision(9, 1);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}

public static class ServiceLevelEndpoints
{
    public static IEndpointRouteBuilder MapServiceLevelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/service-levels").WithTags("Service levels");
        group.MapGet("/", (ServiceLevelHandlers h, CancellationToken ct) => h.ListAsync(ct))
            .WithName("ListServiceLevels").RequireAuthorization(Policies.ReadCustomers);
        group.MapPost("/", async (ServiceLevelPolicyRequest r, ServiceLevelHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(null, r, user, ct)).ToHttp(p => TypedResults.Created($"/api/v1/service-levels/{p.Id}", p)))
            .WithName("CreateServiceLevel").RequireAuthorization(Policies.ManageServiceLevels);
        group.MapPut("/{id:int}", async (int id, ServiceLevelPolicyRequest r, ServiceLevelHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(id, r, user, ct)).ToHttp(TypedResults.Ok))
            .WithName("UpdateServiceLevel").RequireAuthorization(Policies.ManageServiceLevels);
        return app;
    }
}
