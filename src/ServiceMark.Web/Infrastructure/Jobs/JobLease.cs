using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Infrastructure.Jobs;

/// <summary>
/// Who runs a background job right now: one row per job name. With several app instances on one database, only the
/// holder of an unexpired lease works; a crashed holder's lease simply expires and another instance takes over.
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 100;
    public const int HolderMaxLength = 200;

    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTime ExpiresAtUtc { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> b)
    {
        b.ToTable("JobLeases");
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(JobLease.NameMaxLength);
        b.Property(l => l.Holder).HasMaxLength(JobLease.HolderMaxLength);
    }
}

/// <summary>Takes and renews job leases with one conditional UPDATE, so two instances can never both hold one.</summary>
public sealed class JobLeases(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>A new holder id: machine, process and a random part, so two instances on one host (or two apps in one test run) differ.</summary>
    public static string NewHolderId()
    {
        var id = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return id.Length <= JobLease.HolderMaxLength ? id : id[^JobLease.HolderMaxLength..];
    }

    /// <summary>True when <paramref name="holder"/> now holds the lease <paramref name="name"/> until now + <paramref name="duration"/>.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var taken = await db.JobLeases
            .Where(l => l.Name == name && (l.ExpiresAtUtc < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), ct);
        if (taken > 0)
        {
            return true;
        }

        // No row yet (the job's first run anywhere): insert it unless another instance just did. ON CONFLICT instead of a
        // caught unique-key failure, because EF Core logs every failed save as an error with a stack trace.
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "JobLeases" ("Name", "Holder", "ExpiresAtUtc") VALUES ({name}, {holder}, {until}) ON CONFLICT ("Name") DO NOTHING""", ct);
        return inserted == 1;
    }

    /// <summary>Gives the lease up (on shutdown), so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, now.AddTicks(-1)), ct);
    }
}
