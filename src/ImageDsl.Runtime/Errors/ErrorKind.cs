namespace ImageDsl.Errors;

/// <summary>What kind of failure an error is; the CLI maps each kind to a documented exit code.</summary>
public enum ErrorKind
{
    /// <summary>The build failed for another reason (exit 1).</summary>
    Build = 1,

    /// <summary>Bad command line or configuration (exit 2).</summary>
    Configuration = 2,

    /// <summary>The packages cannot be resolved (exit 3).</summary>
    Resolution = 3,

    /// <summary>A repository, key or registry cannot be reached or answered wrongly (exit 4).</summary>
    Network = 4,

    /// <summary>A signature or checksum does not verify, or content is unsafe (exit 5).</summary>
    Integrity = 5,

    /// <summary>The output cannot be written (exit 6).</summary>
    Output = 6,

    /// <summary>The registry refused the credentials (exit 7).</summary>
    Unauthorized = 7,

    /// <summary>Interrupted by the user (exit 130).</summary>
    Cancelled = 130,
}
