namespace ServiceMark.Web.Features.Attachments;

/// <summary>
/// A stored file (photo, signature, import). The id is 256 random bits, base64url; the content lives in
/// <see cref="AttachmentContent"/> in the same database, so backups include it and a commit covers both.
/// </summary>
public sealed class Attachment
{
    public string Id { get; init; } = "";
    public string OwnerType { get; init; } = "";
    public int OwnerId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }
    public string UploadedByUserId { get; init; } = "";
    public DateTime UploadedAtUtc { get; init; }
}

public sealed class AttachmentContent
{
    public string AttachmentId { get; init; } = "";
    public byte[] Data { get; init; } = [];
}
