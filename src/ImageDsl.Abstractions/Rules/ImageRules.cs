// Shared source: see ArchitectureNames.cs.
using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ImageDsl.Rules;

/// <summary>
/// apko's validation rules as pure functions, used by the YAML validator and by the C# analyzers.
/// </summary>
internal static class ImageRules
{
    private static readonly Regex AnnotationKey = new Regex(@"^[a-z0-9\-\.]+$", RegexOptions.CultureInvariant);
    private static readonly Regex FileName = new Regex(@"^[a-zA-Z0-9_-]+[a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex EnvironmentName = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private static readonly string[] Signals =
    {
        "SIGABRT", "SIGALRM", "SIGBUS", "SIGCHLD", "SIGCONT", "SIGFPE", "SIGHUP", "SIGILL", "SIGINT", "SIGIO",
        "SIGKILL", "SIGPIPE", "SIGPROF", "SIGPWR", "SIGQUIT", "SIGSEGV", "SIGSTKFLT", "SIGSTOP", "SIGSYS",
        "SIGTERM", "SIGTRAP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGUSR1", "SIGUSR2", "SIGVTALRM",
        "SIGWINCH", "SIGXCPU", "SIGXFSZ",
    };

    /// <summary>apko's annotation key rule (`--annotations`): `^[a-z0-9-.]+$`.</summary>
    public static bool IsValidAnnotationKey(string? key) => key is not null && AnnotationKey.IsMatch(key);

    /// <summary>apko's name rule for certificates and runtime_keyring entries.</summary>
    public static bool IsValidFileName(string? name) => name is not null && FileName.IsMatch(name);

    /// <summary>A POSIX environment variable name.</summary>
    public static bool IsValidEnvironmentName(string? name) => name is not null && EnvironmentName.IsMatch(name);

    /// <summary>`SIGTERM`, `TERM`, `SIGRTMIN+3` or a number 1..64, as the OCI runtime accepts.</summary>
    public static bool IsKnownStopSignal(string? signal)
    {
        if (string.IsNullOrEmpty(signal))
        {
            return false;
        }
        string s = signal!;
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            return number >= 1 && number <= 64;
        }
        string upper = s.ToUpperInvariant();
        string name = upper.StartsWith("SIG", StringComparison.Ordinal) ? upper : "SIG" + upper;
        if (Array.IndexOf(Signals, name) >= 0)
        {
            return true;
        }
        return Regex.IsMatch(name, @"^SIGRT(MIN|MAX)([+-]([0-9]|[1-2][0-9]|3[0-2]))?$", RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// Parses file permissions written as octal text: `0o755`, `0755` or `755`. Values above 07777
    /// (beyond setuid/setgid/sticky and rwx) are refused.
    /// </summary>
    public static bool TryParseOctal(string? text, out uint value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        string digits = text!;
        if (digits.StartsWith("0o", StringComparison.Ordinal) || digits.StartsWith("0O", StringComparison.Ordinal))
        {
            digits = digits.Substring(2);
        }
        if (digits.Length == 0 || digits.Length > 5)
        {
            return false;
        }
        uint result = 0;
        foreach (char c in digits)
        {
            if (c < '0' || c > '7')
            {
                return false;
            }
            result = result * 8 + (uint)(c - '0');
        }
        if (result > 0xFFF)
        {
            return false;
        }
        value = result;
        return true;
    }

    /// <summary>Formats permissions the way apko.yaml writes them: `0o755`.</summary>
    public static string FormatOctal(uint value) => "0o" + Convert.ToString(value, 8);

    /// <summary>True for an absolute POSIX path.</summary>
    public static bool IsAbsolutePath(string? path) => path is not null && path.StartsWith("/", StringComparison.Ordinal);
}
