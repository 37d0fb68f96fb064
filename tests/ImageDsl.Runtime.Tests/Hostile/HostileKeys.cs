using ImageDsl.Apk.Signing;

namespace ImageDsl.Tests.Hostile;

/// <summary>Throwaway keys shared by the hostile tests (made once per test run: RSA generation is slow).</summary>
internal static class HostileKeys
{
    /// <summary>The repository's key; its public half is the only key in the builds' keyring.</summary>
    public static ApkPrivateKey Trusted { get; } = ApkPrivateKey.Generate("hostile.rsa.pub", 2048);

    /// <summary>Another key with the trusted key's file name (an attacker's key that claims its name).</summary>
    public static ApkPrivateKey Impostor { get; } = ApkPrivateKey.Generate("hostile.rsa.pub", 2048);

    /// <summary>A key the keyring does not hold at all.</summary>
    public static ApkPrivateKey Stranger { get; } = ApkPrivateKey.Generate("stranger.rsa.pub", 2048);
}
