using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Augment.Native;

/// <summary>Throw helpers, kept off the hot path. Every message names the parameter, the value and what was expected.</summary>
public static class Throw
{
    /// <summary>Throws an <see cref="ArgumentException"/> for <paramref name="paramName"/>:
    /// "<c>paramName</c> was <c>value</c>; expected <c>expected</c>."</summary>
    [DoesNotReturn]
    public static void Argument(string paramName, object? value, string expected) =>
        throw new ArgumentException(Message(paramName, value, expected), paramName);

    /// <summary>As <see cref="Argument"/>, but an <see cref="ArgumentOutOfRangeException"/>.</summary>
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, object? value, string expected) =>
        throw new ArgumentOutOfRangeException(paramName, value, Message(paramName, value, expected));

    /// <summary>The message used by the throw helpers.</summary>
    public static string Message(string paramName, object? value, string expected) =>
        string.Create(CultureInfo.InvariantCulture, $"{paramName} was {Show(value)}; expected {expected}.");

    private static string Show(object? value) => value switch
    {
        null => "null",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "?",
    };
}
