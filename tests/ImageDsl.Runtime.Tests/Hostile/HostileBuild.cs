using System.Collections.Concurrent;
using ImageDsl.Apk.Repositories;
using ImageDsl.Build;
using ImageDsl.Config;
using ImageDsl.Errors;
using ImageDsl.Model;
using ImageDsl.Progress;

namespace ImageDsl.Tests.Hostile;

/// <summary>Runs a whole build (resolve, fetch, verify, install, layers) in-process, as `dotnet image build` does.</summary>
internal static class HostileBuild
{
    /// <summary>Builds <paramref name="yaml"/> for amd64 with its cache in <paramref name="cacheDirectory"/>; returns the index digest and the warnings.</summary>
    public static async Task<(string Digest, IReadOnlyList<string> Warnings)> RunAsync(string yaml, string cacheDirectory,
        Action<BuiltImage>? inspect = null, CancellationToken cancel = default)
    {
        var progress = new CollectingProgress();
        BuildRequest request = Request(yaml, cacheDirectory, progress);
        using BuiltImage image = await ImageBuilder.BuildAsync(request, cancel);
        inspect?.Invoke(image);
        return (image.Digest, progress.Warnings.ToList());
    }

    /// <summary>The build must fail with an <see cref="ImageDslException"/>; returns it and the warnings printed before.</summary>
    public static async Task<(ImageDslException Error, IReadOnlyList<string> Warnings)> FailAsync(string yaml, string cacheDirectory)
    {
        var progress = new CollectingProgress();
        BuildRequest request = Request(yaml, cacheDirectory, progress);
        var error = await Assert.ThrowsAnyAsync<ImageDslException>(async () =>
        {
            using BuiltImage image = await ImageBuilder.BuildAsync(request);
        });
        Assert.NotNull(error.Hint);
        return (error, progress.Warnings.ToList());
    }

    public static BuildRequest Request(string yaml, string cacheDirectory, IBuildProgress progress) => new()
    {
        Configuration = ConfigurationLoader.Parse(yaml, "hostile.yaml").Configuration,
        Archs = [Architecture.Amd64],
        SourceDateEpoch = ImageDsl.Build.SourceDateEpoch.Parse("0"),
        Repository = new RepositoryClientOptions
        {
            CacheDirectory = cacheDirectory,
            MaxAttempts = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            HttpAuth = null,
        },
        Progress = progress,
    };

    private sealed class CollectingProgress : IBuildProgress
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public void Step(BuildStage stage, string message) { }

        public void Bytes(BuildStage stage, string item, long done, long? total) { }

        public void Warning(string message) => Warnings.Enqueue(message);

        public void Debug(string message) { }
    }
}
