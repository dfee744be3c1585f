using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Attachments;

public sealed record AttachmentView(string Id, string OwnerType, int OwnerId, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc);

/// <summary>
/// The one attachment store used by every feature. An attachment is readable and writable exactly when its
/// owning record is (see <see cref="AttachmentOwners"/>); ids carry 256 random bits; the type is decided by the
/// whole content (<see cref="FileContent"/>), never by the name or the client's Content-Type.
/// </summary>
public sealed class AttachmentStore(IDbContextFactory<AppDbContext> contexts, TimeProvider clock, IConfiguration config)
{
    public long MaxBytes => config.GetValue<long?>("Attachments:MaxBytes") ?? 10 * 1024 * 1024;

    public async Task<Result<AttachmentView>> UploadAsync(string ownerType, int ownerId, string fileName, Stream content, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!AttachmentOwners.TryGet(ownerType, out var owner))
        {
            return Refusal.Invalid("ownerType", "unknown", $"ownerType must be one of: {string.Join(", ", AttachmentOwners.Types)}.");
        }

        if (!await owner.CanReadAsync(db, user, ownerId, ct))
        {
            return Refusal.NotFound(ownerType);
        }

        if (!await owner.CanWriteAsync(db, user, ownerId, ct))
        {
            return Refusal.Forbidden("You may not add files to this record.");
        }

        var bytes = await ReadLimitedAsync(content, MaxBytes, ct);
        if (bytes is null)
        {
            return Refusal.Invalid("file", "too_large", $"The file must be at most {MaxBytes / 1024 / 1024} MB.");
        }

        var (type, stored, refused) = FileContent.Check(bytes);
        if (refused is not null)
        {
            return refused;
        }

        var attachment = new Attachment
        {
            Id = NewId(),
            OwnerType = ownerType,
            OwnerId = ownerId,
            FileName = SafeFileName(fileName, type!.Extension),
            ContentType = type.ContentType,
            SizeBytes = stored.Length,
            UploadedByUserId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent { AttachmentId = attachment.Id, Data = stored });
        await db.SaveChangesAsync(ct);
        return ToView(attachment);
    }

    /// <summary>The attachment and its bytes, or null when it does not exist or its record is not readable by the user.</summary>
    public async Task<(AttachmentView View, byte[] Data)?> OpenAsync(string id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (attachment is null || !AttachmentOwners.TryGet(attachment.OwnerType, out var owner) ||
            !await owner.CanReadAsync(db, user, attachment.OwnerId, ct))
        {
            return null;
        }

        var data = await db.AttachmentContents.Where(c => c.AttachmentId == id).Select(c => c.Data).FirstAsync(ct);
        return (ToView(attachment), data);
    }

    public async Task<IReadOnlyList<AttachmentView>?> ListAsync(string ownerType, int ownerId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!AttachmentOwners.TryGet(ownerType, out var owner) || !await owner.CanReadAsync(db, user, ownerId, ct))
        {
            return null;
        }

        return await db.Attachments.AsNoTracking().Where(a => a.OwnerType == ownerType && a.OwnerId == ownerId)
            .OrderBy(a => a.UploadedAtUtc)
            .Select(a => new AttachmentView(a.Id, a.OwnerType, a.OwnerId, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc))
            .ToListAsync(ct);
    }

    private static AttachmentView ToView(Attachment a) => new(a.Id, a.OwnerType, a.OwnerId, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc);

    private static string NewId() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string SafeFileName(string name, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var clean = new string(stem.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').Take(100).ToArray()).Trim();
        return (clean.Length == 0 ? "file" : clean) + extension;
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream content, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

/// <summary>The file types accepted; the first bytes say which one a file claims to be, <see cref="FileContent"/> checks the rest.</summary>
internal sealed record FileTypes(string ContentType, string Extension, bool Inline)
{
    public const string JpegType = "image/jpeg";
    public const string PngType = "image/png";
    public const string PdfType = "application/pdf";

    private static readonly FileTypes Jpeg = new(JpegType, ".jpg", true);
    private static readonly FileTypes Png = new(PngType, ".png", true);
    private static readonly FileTypes Pdf = new(PdfType, ".pdf", false);
    private static readonly FileTypes Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", false);

    public static FileTypes? Detect(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? Jpeg
        : b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? Png
        : b.StartsWith("%PDF-"u8) ? Pdf
        : b.StartsWith((byte[])[0x50, 0x4B, 0x03, 0x04]) ? Xlsx
        : null;

    /// <summary>Only re-encoded images are shown inline; a PDF or workbook is always a download (with nosniff on every response).</summary>
    public static bool IsInline(string contentType) => contentType is JpegType or PngType;
}

/// <summary>Who may read and write the attachments of each kind of record: the same rule as the record itself.</summary>
public sealed record AttachmentOwner(
    Func<AppDbContext, ClaimsPrincipal, int, CancellationToken, Task<bool>> CanReadAsync,
    Func<AppDbContext, ClaimsPrincipal, int, CancellationToken, Task<bool>> CanWriteAsync);

public static class AttachmentOwners
{
    public const string Person = "Person";
    public const string Ticket = "ServiceTicket";
    public const string ExpenseClaim = "ExpenseClaim";

    private static readonly Dictionary<string, AttachmentOwner> Owners = new(StringComparer.Ordinal)
    {
        // Ticket photos and signatures: whoever may see the ticket (all-ticket readers, or an engineer assigned to it).
        [Ticket] = new(
            async (db, user, id, ct) => await db.Tickets.AnyAsync(t => t.Id == id && (user.Can(Policies.ReadTickets) ||
                t.Assignments.Any(a => a.EngineerId == (user.PersonId() ?? -1))), ct),
            async (db, user, id, ct) => user.Can(Policies.DispatchTickets) ||
                await db.Tickets.AnyAsync(t => t.Id == id && t.Assignments.Any(a => a.EngineerId == (user.PersonId() ?? -1)), ct)),

        // Receipt photos of an expense claim: whoever may see the claim; added by the claimant while it is with them.
        [ExpenseClaim] = new(
            (db, user, id, ct) => Expenses.ExpenseAccess.Visible(db, db.ExpenseClaims.AsNoTracking(), user).AnyAsync(c => c.Id == id, ct),
            (db, user, id, ct) => db.ExpenseClaims.AnyAsync(c => c.Id == id && c.PersonId == (user.PersonId() ?? -1)
                && (c.Status == Domain.Expenses.ExpenseClaimStatus.Draft || c.Status == Domain.Expenses.ExpenseClaimStatus.Returned), ct)),

        // A person's own record (e.g. photo): the person, and those who may read the organisation.
        [Person] = new(
            async (db, user, id, ct) => (user.PersonId() == id || user.Can(Policies.ReadOrganisation)) && await db.People.AnyAsync(p => p.Id == id, ct),
            (_, user, id, _) => Task.FromResult(user.PersonId() == id || user.Can(Policies.ManageOrganisation))),
    };

    public static IEnumerable<string> Types => Owners.Keys;

    public static bool TryGet(string ownerType, out AttachmentOwner owner) => Owners.TryGetValue(ownerType, out owner!);
}
