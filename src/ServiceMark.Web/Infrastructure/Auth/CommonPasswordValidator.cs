using System.Reflection;
using Microsoft.AspNetCore.Identity;
using ServiceMark.Domain.Security;

namespace ServiceMark.Web.Infrastructure.Auth;

/// <summary>ASVS 2.1: 12–128 characters and not on the shipped list of common passwords.</summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        var problems = PasswordRules.Check(password ?? "", Common.Value);
        return Task.FromResult(problems.Count == 0
            ? IdentityResult.Success
            : IdentityResult.Failed(problems.Select(p => new IdentityError { Code = "password", Description = p }).ToArray()));
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ServiceMark.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
