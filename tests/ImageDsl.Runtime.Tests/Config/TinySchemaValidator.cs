using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ImageDsl.Tests.Config;

/// <summary>
/// The subset of JSON Schema our schema uses ($ref, type, properties, additionalProperties, propertyNames,
/// required, items, enum, pattern, minLength, minimum, maximum), enough to check documents against it.
/// </summary>
internal sealed class TinySchemaValidator(JsonObject root)
{
    public List<string> Validate(JsonNode? document)
    {
        var errors = new List<string>();
        Check(root, document, "$", errors);
        return errors;
    }

    private void Check(JsonObject schema, JsonNode? value, string at, List<string> errors)
    {
        if (schema["$ref"] is JsonValue reference)
        {
            string name = reference.GetValue<string>().Replace("#/$defs/", "", StringComparison.Ordinal);
            Check(root["$defs"]![name]!.AsObject(), value, at, errors);
        }
        if (schema["type"] is JsonValue type && !HasType(value, type.GetValue<string>()))
        {
            errors.Add($"{at}: expected {type}, got {value?.ToJsonString() ?? "null"}");
            return;
        }
        if (schema["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, value)))
        {
            errors.Add($"{at}: {value?.ToJsonString()} is not one of {choices.ToJsonString()}");
        }
        if (value is JsonValue text && text.TryGetValue(out string? s))
        {
            if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(s, pattern.GetValue<string>()))
            {
                errors.Add($"{at}: '{s}' does not match {pattern}");
            }
            if (schema["minLength"] is JsonValue min && s.Length < min.GetValue<int>())
            {
                errors.Add($"{at}: '{s}' is shorter than {min}");
            }
        }
        if (value is JsonValue number && number.TryGetValue(out long n))
        {
            if (schema["minimum"] is JsonValue min && n < min.GetValue<long>())
            {
                errors.Add($"{at}: {n} < {min}");
            }
            if (schema["maximum"] is JsonValue max && n > max.GetValue<long>())
            {
                errors.Add($"{at}: {n} > {max}");
            }
        }
        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (string required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(required))
                {
                    errors.Add($"{at}: missing '{required}'");
                }
            }
            foreach (var (key, child) in obj)
            {
                if (schema["propertyNames"] is JsonObject names)
                {
                    Check(names, JsonValue.Create(key), $"{at}.{key}(name)", errors);
                }
                if (properties?[key] is JsonObject property)
                {
                    Check(property, child, $"{at}.{key}", errors);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(additional, child, $"{at}.{key}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue allowed && !allowed.GetValue<bool>())
                {
                    errors.Add($"{at}: unknown property '{key}'");
                }
            }
        }
        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{at}[{i}]", errors);
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.TryGetValue(out string? _),
        "integer" => value is JsonValue v && v.TryGetValue(out long _),
        "boolean" => value is JsonValue v && v.TryGetValue(out bool _),
        _ => throw new NotSupportedException(type),
    };

    /// <summary>YAML to JSON with YAML 1.2 core scalar types (plus `0o` octal), as editors' schema checks see it.</summary>
    public static JsonNode? YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            new KeyValuePair<string, JsonNode?>(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar when scalar.Style != YamlDotNet.Core.ScalarStyle.Plain => JsonValue.Create(scalar.Value),
        YamlScalarNode { Value: null or "" or "~" or "null" } => null,
        YamlScalarNode { Value: "true" or "false" } scalar => JsonValue.Create(scalar.Value == "true"),
        YamlScalarNode scalar when scalar.Value!.StartsWith("0o", StringComparison.Ordinal) =>
            JsonValue.Create(System.Convert.ToInt64(scalar.Value[2..], 8)),
        YamlScalarNode scalar when long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n) =>
            JsonValue.Create(n),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };
}
