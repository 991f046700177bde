using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LoguStyle;

/// <summary>
/// Whether a type that is no data object by itself holds one (<see cref="BoundMembers.IsDataObject"/>): its members'
/// declared types (a field's or a property's; an array's element type; a framework type's type arguments, so a list's
/// items, a dictionary's keys and values, a tuple's and a KeyValuePair's items, a Nullable's value) lead to a data object
/// by itself, at any depth: a search over the types, each seen once, so a type that holds itself ends it. Only declared
/// types count: a member typed <c>object</c> or an interface says nothing of the value it will hold. A framework type
/// (namespace System) counts by its type arguments only, as the walk reads a collection's items, not its members.
/// </summary>
internal static class HolderSearch
{
    /// <summary>How many types one search looks at, the searched type included.</summary>
    internal const int MaxTypes = 100;

    /// <summary>Whether <paramref name="type"/> holds a data object; <paramref name="visited"/> is how many types' members were read.</summary>
    // Trimming: a member's type is not covered by Bind<T>'s annotation; under Native AOT the walk reads every object
    // that is no value anyway (NestedObject.MembersOf), so this only decides for a JIT or trimmed app, on what it kept.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    internal static bool HoldsDataObject(Type type, out int visited)
    {
        var seen = new HashSet<Type> { type };
        var pending = new Stack<Type>();
        PushMemberTypes(BoundMembers.Of(type), pending);
        while (pending.TryPop(out var held))
        {
            if (!seen.Add(held))
            {
                continue;
            }

            var members = BoundMembers.Of(held);
            if (members.IsDataObjectItself)
            {
                visited = seen.Count;
                return true;
            }

            PushMemberTypes(members, pending);
        }

        visited = seen.Count;
        return false;
    }

    private static void PushMemberTypes(BoundMembers members, Stack<Type> pending)
    {
        foreach (var member in members.Members)
        {
            PushHeld(member is FieldInfo field ? field.FieldType : ((PropertyInfo)member).PropertyType, pending);
        }
    }

    // The types a value of a member's declared type leads the walk to: a user's type itself, an array's elements, a
    // framework type's type arguments. Values the walk never reads the members of (primitives, enums, strings,
    // delegates, exceptions, reflection objects) lead nowhere.
    private static void PushHeld(Type type, Stack<Type> pending)
    {
        if (type.HasElementType)
        {
            PushHeld(type.GetElementType()!, pending);
            return;
        }

        if (type.IsPrimitive || type.IsEnum || type.IsGenericParameter || type == typeof(string) || typeof(Delegate).IsAssignableFrom(type)
            || typeof(Exception).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type))
        {
            return;
        }

        if (type.Namespace is not { } space || (space != "System" && !space.StartsWith("System.", StringComparison.Ordinal)))
        {
            pending.Push(type);
            return;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                PushHeld(argument, pending);
            }
        }
    }
}
