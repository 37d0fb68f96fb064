namespace ImageDsl.Config;

/// <summary>The JSON Schema (draft 2020-12) of apko.yaml as ImageDsl reads it, for editors and CI checks.</summary>
public static class ConfigurationSchema
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using Stream stream = typeof(ConfigurationSchema).Assembly.GetManifestResourceStream("ImageDsl.Config.apko.schema.json")
            ?? throw new InvalidOperationException("the embedded schema ImageDsl.Config.apko.schema.json is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The schema as JSON text.</summary>
    public static string Json => Text.Value;
}
