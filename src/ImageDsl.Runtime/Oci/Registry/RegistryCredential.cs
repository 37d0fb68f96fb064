namespace ImageDsl.Oci.Registry;

/// <summary>
/// Credentials for one registry: a user name and password (or personal token), or an identity
/// (refresh) token as docker stores for OAuth2 registries. <see cref="ToString"/> never shows secrets.
/// </summary>
/// <param name="Username">The user name (may be empty with an identity token).</param>
/// <param name="Password">The password or access token.</param>
/// <param name="IdentityToken">An OAuth2 refresh token, used instead of the password for Bearer realms.</param>
/// <param name="Source">Where the credentials came from, for messages (e.g. the config.json path).</param>
public sealed record RegistryCredential(string Username, string Password, string? IdentityToken = null, string Source = "options")
{
    /// <summary>Names the user and the source, never the secret.</summary>
    public override string ToString() => $"user '{Username}' from {Source}";
}
