using System.Security.Cryptography;
using System.Text;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Surveys;

/// <summary>
/// The secret in a survey link. The caller draws it from a cryptographic random source (at least
/// <see cref="MinRandomBytes"/> bytes, encoded with <see cref="Encode"/>); only its SHA-256 hash is stored, so a leaked
/// database does not hand out working links. A plain hash (no salt or stretching) suffices because the token has
/// 128+ random bits, not a guessable password's few.
/// </summary>
public static class SurveyToken
{
    public const int MinRandomBits = 128;
    public const int MinRandomBytes = MinRandomBits / 8;

    /// <summary>Base64url carries 6 bits a character: 22 characters are the fewest that can hold 128 bits.</summary>
    public const int MinLength = (MinRandomBits + 5) / 6;

    public const int MaxLength = 256;

    /// <summary>Encodes random bytes as a URL-safe token; refuses fewer than 128 bits.</summary>
    public static string Encode(ReadOnlySpan<byte> randomBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(randomBytes.Length, MinRandomBytes, nameof(randomBytes));
        return Convert.ToBase64String(randomBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// Whether the token is long enough to carry 128 bits in the URL-safe alphabet. Randomness itself cannot be seen
    /// from the string; that is the caller's part.
    /// </summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: >= MinLength and <= MaxLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes: what is stored and looked up.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}

/// <summary>
/// A one-time link that lets a customer answer the survey of a ticket without an account (R-CMP-2): it works once
/// and expires. The version guards against two submissions racing for the same link.
/// </summary>
public sealed class SurveyLink : IVersioned, IAudited
{
    /// <summary>Seeded default; an admin changes it.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(14);

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The first instant at which the link no longer works.</summary>
    public DateTime ExpiresAtUtc { get; private set; }

    public DateTime? UsedAtUtc { get; private set; }
    public int Version { get; set; }

    private SurveyLink()
    {
    }

    /// <summary>
    /// Creates the link for <paramref name="token"/>, keeping only its hash. A malformed or short token is the
    /// caller's bug, so it throws rather than refuses.
    /// </summary>
    public static SurveyLink Issue(int ticketId, string token, DateTime nowUtc, TimeSpan? validFor = null)
    {
        if (!SurveyToken.IsWellFormed(token))
        {
            throw new ArgumentException(
                $"A survey token is {SurveyToken.MinLength}–{SurveyToken.MaxLength} URL-safe characters from at least {SurveyToken.MinRandomBits} random bits.",
                nameof(token));
        }

        var validity = validFor ?? DefaultValidity;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validity, TimeSpan.Zero, nameof(validFor));
        return new SurveyLink
        {
            TicketId = ticketId,
            TokenHash = SurveyToken.Hash(token),
            CreatedAtUtc = nowUtc,
            ExpiresAtUtc = nowUtc + validity,
        };
    }

    /// <summary>Whether the link may be used now, without using it: for showing the form.</summary>
    public Refusal? CanUse(DateTime nowUtc)
    {
        if (UsedAtUtc is not null)
        {
            // Checked first: "you already answered" is the more useful thing to tell a customer than "expired".
            return Refusal.Conflict("already_used", "This survey link has already been used. Thank you for your answers.");
        }

        return nowUtc >= ExpiresAtUtc
            ? Refusal.Conflict("expired", "This survey link has expired.")
            : null;
    }

    /// <summary>Uses the link up when the answers are submitted; null when it was usable.</summary>
    public Refusal? TryUse(DateTime nowUtc)
    {
        if (CanUse(nowUtc) is { } refusal)
        {
            return refusal;
        }

        UsedAtUtc = nowUtc;
        return null;
    }
}
