using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LoguStyle;

/// <summary>
/// Whether a type that is no data object by itself holds one (<see cref="BoundMembers.IsDataObject"/>): its members'
/// declared types (a field's or a property's; an array's element type; a framework type's type arguments, so a list's
/// items, a dictionary's keys and values, a tuple's and a KeyValuePair's items, a Nullable's value; a user's type's items,
/// the T of every <c>IEnumerable&lt;T&gt;</c> it implements) lead to a data object by itself, at any depth: a search over the types, each seen once, so a type that holds itself ends it. Only declared
/// types count: a member typed <c>object</c> or an interface says nothing of the value it will hold.
/// </summary>
internal static class HolderSearch
{
    /// <summary>
    /// How many types one search looks at, the searched type included; past it the type is said to hold none and keeps
    /// its own <c>ToString</c>. A generic type whose member is a bigger instance of itself (<c>Node&lt;Node&lt;T&gt;&gt;</c>)
    /// has no end of member types, and the search would run inside the logging call for ever.
    /// </summary>
    internal const int MaxTypes = 100;

    /// <summary>Whether <paramref name="type"/> holds a data object; <paramref name="visited"/> is how many types the search looked at.</summary>
    // Trimming: a member's type is not covered by Bind<T>'s annotation; under Native AOT the walk reads every object
    // that is no value anyway (NestedObject.MembersOf), so this only decides for a JIT or trimmed app, on what it kept.
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Best effort on what the trimmer kept; see the comment above.")]
    internal static bool HoldsDataObject(Type type, out int visited)
    {
        var seen = new HashSet<Type> { type };
        var pending = new Stack<Type>();
        if (IsFramework(type))
        {
            PushTypeArguments(type, pending);
        }
        else
        {
            PushMemberTypes(BoundMembers.Of(type), pending);
            PushItemTypes(type, pending);
        }

        while (pending.TryPop(out var held))
        {
            if (seen.Contains(held))
            {
                continue;
            }

            if (seen.Count == MaxTypes)
            {
                visited = seen.Count;
                return false;
            }

            seen.Add(held);
            var members = BoundMembers.Of(held);
            if (members.IsDataObjectItself)
            {
                visited = seen.Count;
                return true;
            }

            PushMemberTypes(members, pending);
            PushItemTypes(held, pending);
        }

        visited = seen.Count;
        return false;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is .NET's or a Microsoft package's: its namespace is System or System.*, or its
    /// assembly is named System, System.*, Microsoft.*, netstandard or mscorlib (the shared frameworks, ASP.NET Core's
    /// included, and Microsoft.Extensions.*, EF Core). Such a type holds the user's data only through its type arguments
    /// (its own members are declared by Microsoft, never classified by the user), so its members are not searched: an
    /// HttpContext led the search through a score of ASP.NET Core's types, and a record among them would have had the
    /// walk call an HttpContext's getters instead of printing its <c>ToString</c>.
    /// </summary>
    internal static bool IsFramework(Type type)
    {
        if (type.Namespace is { } space && (space == "System" || space.StartsWith("System.", StringComparison.Ordinal)))
        {
            return true;
        }

        var assembly = type.Assembly.FullName ?? string.Empty;
        return assembly.StartsWith("System,", StringComparison.Ordinal) || assembly.StartsWith("System.", StringComparison.Ordinal)
            || assembly.StartsWith("Microsoft.", StringComparison.Ordinal) || assembly.StartsWith("netstandard,", StringComparison.Ordinal)
            || assembly.StartsWith("mscorlib,", StringComparison.Ordinal);
    }

    // A user's collection (class People : List<Person>, or an IEnumerable<Person> that keeps its items private) leads to
    // its items: the walk reads them (NestedObject.OfCollection), while its public members may name no item type at all,
    // so without this a holder of it would be written by its own ToString, the items' classified values raw. Every T it
    // implements counts; a dictionary's IEnumerable<KeyValuePair<K, V>> leads on to K and V.
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Best effort on what the trimmer kept; see HoldsDataObject.")]
    private static void PushItemTypes(Type type, Stack<Type> pending)
    {
        foreach (var contract in type.GetInterfaces())
        {
            if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                PushHeld(contract.GetGenericArguments()[0], pending);
            }
        }
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

        if (IsFramework(type))
        {
            PushTypeArguments(type, pending);
            return;
        }

        pending.Push(type);
    }

    private static void PushTypeArguments(Type type, Stack<Type> pending)
    {
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                PushHeld(argument, pending);
            }
        }
    }
}
