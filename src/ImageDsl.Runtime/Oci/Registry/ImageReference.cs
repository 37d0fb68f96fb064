using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using ImageDsl.Errors;

namespace ImageDsl.Oci.Registry;

/// <summary>
/// A parsed image reference <c>host[:port]/repository[:tag][@sha256:hex]</c>, normalised the way
/// docker and go-containerregistry do: no host means Docker Hub (<c>index.docker.io</c>) and a
/// one-component Docker Hub repository gets the <c>library/</c> prefix. When neither a tag nor a
/// digest is given the tag is <c>latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>The API host of Docker Hub.</summary>
    public const string DockerHubRegistry = "index.docker.io";

    private ImageReference(string registry, string repository, string? tag, string? digest)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with its port when one was given (e.g. <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry (e.g. <c>library/alpine</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference only names a digest.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:…</c>), or null.</summary>
    public string? Digest { get; }

    /// <summary><c>registry/repository</c>, the name without tag or digest.</summary>
    public string Name => $"{Registry}/{Repository}";

    /// <summary>Parses a reference; throws a configuration error that says what is wrong.</summary>
    public static ImageReference Parse(string text)
    {
        if (TryParse(text, out ImageReference? reference, out string? error))
        {
            return reference;
        }
        throw new ImageDslException(ErrorKind.Configuration, $"invalid image reference '{text}': {error}",
            "Write references as host[:port]/repository[:tag][@sha256:<64 hex>], e.g. ghcr.io/acme/app:1.0 or 127.0.0.1:5000/test/app:latest.");
    }

    /// <summary>Parses a reference without throwing; <paramref name="error"/> says why it failed.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out ImageReference? reference, [NotNullWhen(false)] out string? error)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the reference is empty";
            return false;
        }
        if (text.Trim() != text || text.Any(char.IsWhiteSpace))
        {
            error = "the reference contains whitespace";
            return false;
        }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            error = "leave out the scheme (no http:// or https://); plain HTTP is chosen for loopback and --insecure-registry hosts";
            return false;
        }

        string rest = text;
        string? digest = null;
        int at = rest.IndexOf('@');
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!Digests.IsValid(digest))
            {
                error = $"the digest '{digest}' is not sha256:<64 lowercase hex digits>";
                return false;
            }
        }

        string registry;
        int slash = rest.IndexOf('/');
        string first = slash < 0 ? rest : rest[..slash];
        if (slash >= 0 && (first.Contains('.') || first.Contains(':') || first == "localhost" || first.StartsWith('[')))
        {
            registry = first;
            rest = rest[(slash + 1)..];
            if (!IsValidHost(registry))
            {
                error = $"the registry host '{registry}' is not a valid host[:port]";
                return false;
            }
        }
        else
        {
            registry = DockerHubRegistry;
        }

        string? tag = null;
        int colon = rest.LastIndexOf(':');
        if (colon >= 0 && !rest[(colon + 1)..].Contains('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"the tag '{tag}' is not valid: use up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'";
                return false;
            }
        }

        string repository = rest;
        if (repository.Length == 0)
        {
            error = "the repository name is missing";
            return false;
        }
        if (repository.Any(char.IsUpper))
        {
            error = $"the repository '{repository}' must be lowercase";
            return false;
        }
        if (!RepositoryPattern().IsMatch(repository))
        {
            error = $"the repository '{repository}' is not valid: use lowercase components of [a-z0-9] separated by '.', '_', '__' or '-', joined with '/'";
            return false;
        }

        registry = NormaliseRegistry(registry);
        if (registry == DockerHubRegistry && !repository.Contains('/'))
        {
            repository = "library/" + repository;
        }
        if (registry.Length + 1 + repository.Length > 255)
        {
            error = "the name is longer than 255 characters";
            return false;
        }
        if (tag is null && digest is null)
        {
            tag = "latest";
        }

        reference = new ImageReference(registry, repository, tag, digest);
        error = null;
        return true;
    }

    /// <summary>The same repository, pinned to <paramref name="digest"/> and without a tag.</summary>
    public ImageReference WithDigest(string digest)
    {
        if (!Digests.IsValid(digest))
        {
            throw new ArgumentException($"'{digest}' is not a sha256 digest", nameof(digest));
        }
        return new ImageReference(Registry, Repository, null, digest);
    }

    /// <summary>The same repository with another tag and no digest.</summary>
    public ImageReference WithTag(string tag)
    {
        if (!TagPattern().IsMatch(tag))
        {
            throw new ArgumentException($"'{tag}' is not a valid tag", nameof(tag));
        }
        return new ImageReference(Registry, Repository, tag, null);
    }

    /// <summary><c>registry/repository[:tag][@digest]</c>.</summary>
    public override string ToString() =>
        Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    /// <summary>Maps the Docker Hub aliases to <see cref="DockerHubRegistry"/> and lowercases the host.</summary>
    internal static string NormaliseRegistry(string registry)
    {
        string lower = registry.ToLowerInvariant();
        return lower is "docker.io" or "registry-1.docker.io" or "registry.hub.docker.com" ? DockerHubRegistry : lower;
    }

    internal static bool IsValidHost(string registry) => HostPattern().IsMatch(registry);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$")]
    private static partial Regex HostPattern();
}
