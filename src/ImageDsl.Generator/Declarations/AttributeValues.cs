using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace ImageDsl.Generator.Declarations;

/// <summary>Reads constructor and named argument values out of an <see cref="AttributeData"/>.</summary>
internal static class AttributeValues
{
    public static Sourced<string?> String(AttributeData attribute, int position) =>
        new Sourced<string?>(Text(Constructor(attribute, position)), Origin.Argument(attribute, position));

    public static List<Sourced<string?>> StringElements(AttributeData attribute, int position)
    {
        var result = new List<Sourced<string?>>();
        TypedConstant argument = Constructor(attribute, position);
        if (argument.Kind == TypedConstantKind.Array && !argument.IsNull)
        {
            for (int i = 0; i < argument.Values.Length; i++)
            {
                result.Add(new Sourced<string?>(Text(argument.Values[i]), Origin.Argument(attribute, position, i)));
            }
        }
        return result;
    }

    public static Sourced<string?>? NamedString(AttributeData attribute, string name) =>
        TryNamed(attribute, name, out TypedConstant value)
            ? new Sourced<string?>(Text(value), Origin.NamedArgument(attribute, name))
            : (Sourced<string?>?)null;

    public static List<Sourced<string?>> NamedStringElements(AttributeData attribute, string name)
    {
        var result = new List<Sourced<string?>>();
        if (TryNamed(attribute, name, out TypedConstant value) && value.Kind == TypedConstantKind.Array && !value.IsNull)
        {
            for (int i = 0; i < value.Values.Length; i++)
            {
                result.Add(new Sourced<string?>(Text(value.Values[i]), Origin.NamedArgument(attribute, name, i)));
            }
        }
        return result;
    }

    /// <summary>A named <c>long</c> argument; null when absent or when it is <c>Unset.Id</c> (-1).</summary>
    public static Sourced<long>? NamedId(AttributeData attribute, string name)
    {
        if (!TryNamed(attribute, name, out TypedConstant value) || value.Value is null)
        {
            return null;
        }
        long number = Convert.ToInt64(value.Value, CultureInfo.InvariantCulture);
        return number == -1 ? (Sourced<long>?)null : new Sourced<long>(number, Origin.NamedArgument(attribute, name));
    }

    public static Sourced<int>? NamedInt(AttributeData attribute, string name) =>
        TryNamed(attribute, name, out TypedConstant value) && value.Value is not null
            ? new Sourced<int>(Convert.ToInt32(value.Value, CultureInfo.InvariantCulture), Origin.NamedArgument(attribute, name))
            : (Sourced<int>?)null;

    public static bool NamedBool(AttributeData attribute, string name) =>
        TryNamed(attribute, name, out TypedConstant value) && value.Value is bool b && b;

    /// <summary>The text of a string constant, or of a number (for <c>[RunAs(65532)]</c>).</summary>
    public static string? Text(TypedConstant constant) => constant.Value switch
    {
        null => null,
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        object o => o.ToString(),
    };

    public static TypedConstant Constructor(AttributeData attribute, int position) =>
        position < attribute.ConstructorArguments.Length ? attribute.ConstructorArguments[position] : default;

    public static bool TryNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        // The last assignment wins, as at run time.
        bool found = false;
        value = default;
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                found = true;
            }
        }
        return found;
    }
}
