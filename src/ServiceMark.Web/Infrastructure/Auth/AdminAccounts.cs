using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>Creates administrator accounts with a generated password (no well-known default password exists).</summary>
public sealed class AdminAccounts(UserManager<AppUser> users)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    public async Task<(string UserName, string Password)> CreateAsync(string userName, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var password = GeneratePassword();
        var user = new AppUser { UserName = userName, DisplayName = "系统管理员", IsAdministrator = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return (userName, password);
    }

    public static string GeneratePassword() =>
        string.Create(24, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
