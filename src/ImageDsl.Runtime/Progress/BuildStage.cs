namespace ImageDsl.Progress;

/// <summary>The stages a build or publish goes through, in the user's terms.</summary>
public enum BuildStage
{
    /// <summary>Loading and validating the configuration.</summary>
    Config,

    /// <summary>Fetching and verifying repository indexes.</summary>
    Index,

    /// <summary>Resolving the package set.</summary>
    Resolve,

    /// <summary>Downloading and verifying packages.</summary>
    Fetch,

    /// <summary>Installing packages and writing image files.</summary>
    Install,

    /// <summary>Writing layers.</summary>
    Layer,

    /// <summary>Writing the OCI output, SBOMs and lock files.</summary>
    Write,

    /// <summary>Pushing to a registry.</summary>
    Push,
}
