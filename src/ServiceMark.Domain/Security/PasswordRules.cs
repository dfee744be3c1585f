namespace ServiceMark.Domain.Security;

/// <summary>ASVS 2.1: length 12–128, no composition rules, and not one of the commonly used passwords.</summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public static IReadOnlyList<string> Check(string password, ISet<string> commonPasswords)
    {
        var problems = new List<string>();
        if (password.Length < MinLength)
        {
            problems.Add($"The password must be at least {MinLength} characters.");
        }

        if (password.Length > MaxLength)
        {
            problems.Add($"The password must be at most {MaxLength} characters.");
        }

        if (commonPasswords.Contains(password.ToLowerInvariant()))
        {
            problems.Add("The password is on the list of commonly used passwords.");
        }

        return problems;
    }
}
