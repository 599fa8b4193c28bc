using System.Collections.Concurrent;
using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Simulator.Cli.Templates;

/// <summary>Go's invalid <c>reflect.Value</c> (a missing map key, nil data); prints as <c>&lt;no value&gt;</c>.</summary>
internal sealed class Missing
{
    public static readonly Missing Value = new();

    private Missing()
    {
    }
}

/// <summary>The reflect kinds the engine distinguishes (Go's <c>reflect.Kind</c>, coarsened).</summary>
internal enum GoKind
{
    Invalid,
    Nil,
    Bool,
    Int,
    Uint,
    Float,
    String,
    Map,
    Slice,
    Func,
    Struct,
}

/// <summary>A read-only view of a Go map over JSON objects and .NET dictionaries.</summary>
internal abstract class MapView
{
    public abstract int Count { get; }

    /// <summary>Go type name, e.g. <c>map[string]interface {}</c>.</summary>
    public abstract string TypeName { get; }

    /// <summary>Go's zero value of the element type (what <c>index</c> returns for a missing key).</summary>
    public abstract object? ZeroElem { get; }

    /// <summary>Whether keys are strings (so <c>.Key</c> field syntax applies).</summary>
    public virtual bool StringKeys => true;

    public abstract bool TryGet(object? key, out object? value);

    /// <summary>Entries in Go's sorted key order (fmt's and range's order).</summary>
    public abstract IReadOnlyList<KeyValuePair<object, object?>> SortedEntries();

    /// <summary>Entries in storage order (JSON objects keep document order, like a Go struct).</summary>
    public virtual IReadOnlyList<KeyValuePair<object, object?>> Entries() => SortedEntries();

    /// <summary>Whether this is a JSON object (marshals in document order, like a Go struct).</summary>
    public virtual bool IsJsonObject => false;

    protected static List<KeyValuePair<object, object?>> Sort(List<KeyValuePair<object, object?>> list)
    {
        list.Sort((a, b) => Values.CompareKeys(a.Key, b.Key));
        return list;
    }
}

/// <summary>Classification and access of template data, mirroring how Go's text/template sees reflect values.</summary>
internal static class Values
{
    /// <summary>Converts JSON primitives to CLR values; keeps JSON objects/arrays; JSON null → null.</summary>
    public static object? Normalize(object? v)
    {
        switch (v)
        {
            case JsonElement e:
                return e.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Undefined => Missing.Value,
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => e.GetString(),
                    JsonValueKind.Number => e.TryGetInt64(out var l) ? l : e.TryGetUInt64(out var u) ? (object)u : e.GetDouble(),
                    _ => e,
                };
            case JsonValue jv:
                return jv.GetValueKind() switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String => jv.TryGetValue<string>(out var s) ? s : jv.ToString(),
                    JsonValueKind.Number => NumberOf(jv),
                    JsonValueKind.Null => null,
                    _ => jv.GetValue<object>(),
                };
            case char c:
                return (int)c;
            default:
                return v;
        }
    }

    /// <summary>A JSON number node as long, ulong or double, whatever CLR value it was built from.</summary>
    private static object NumberOf(JsonValue jv)
    {
        if (jv.TryGetValue<JsonElement>(out var e))
        {
            return Normalize(e)!;
        }

        if (jv.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (jv.TryGetValue<int>(out var i))
        {
            return (long)i;
        }

        if (jv.TryGetValue<ulong>(out var u))
        {
            return u;
        }

        if (jv.TryGetValue<double>(out var d))
        {
            return d;
        }

        return Normalize(JsonDocument.Parse(jv.ToJsonString()).RootElement)!;
    }

    public static GoKind Kind(object? v) => v switch
    {
        Missing => GoKind.Invalid,
        null => GoKind.Nil,
        bool => GoKind.Bool,
        string => GoKind.String,
        int or long or short or sbyte => GoKind.Int,
        uint or ulong or ushort or byte => GoKind.Uint,
        double or float or decimal => GoKind.Float,
        JsonElement { ValueKind: JsonValueKind.Object } => GoKind.Map,
        JsonElement { ValueKind: JsonValueKind.Array } => GoKind.Slice,
        JsonObject => GoKind.Map,
        JsonArray => GoKind.Slice,
        GoStruct => GoKind.Struct,
        GoMap => GoKind.Map,
        GoNil n => n.Kind,
        _ => KindCache.GetOrAdd(v.GetType(), static t =>
            typeof(Delegate).IsAssignableFrom(t) ? GoKind.Func :
            typeof(IDictionary).IsAssignableFrom(t) || FindGeneric(t, typeof(IReadOnlyDictionary<,>)) is not null ? GoKind.Map :
            typeof(IEnumerable).IsAssignableFrom(t) ? GoKind.Slice :
            GoKind.Struct),
    };

    private static readonly ConcurrentDictionary<Type, GoKind> KindCache = new();

    private static readonly ConcurrentDictionary<Type, string> TypeNameCache = new();

    private static readonly ConcurrentDictionary<(Type, string), MemberInfo?> MemberCache = new();

    private static readonly ConcurrentDictionary<MemberInfo, Func<object, object?>> GetterCache = new();

    /// <summary>A compiled getter for a public property or field (reflection's GetValue costs about 10x a delegate call).</summary>
    public static Func<object, object?> Getter(MemberInfo member) => GetterCache.GetOrAdd(member, static m =>
    {
        var o = System.Linq.Expressions.Expression.Parameter(typeof(object), "o");
        var typed = System.Linq.Expressions.Expression.Convert(o, m.DeclaringType!);
        System.Linq.Expressions.Expression access = m is PropertyInfo p
            ? System.Linq.Expressions.Expression.Property(typed, p)
            : System.Linq.Expressions.Expression.Field(typed, (FieldInfo)m);
        var boxed = System.Linq.Expressions.Expression.Convert(access, typeof(object));
        return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(boxed, o).Compile();
    });

    public static long ToInt64(object v) => v switch
    {
        int i => i,
        long l => l,
        short s => s,
        sbyte b => b,
        uint u => u,
        ulong u => unchecked((long)u),
        ushort u => u,
        byte b => b,
        _ => throw new InvalidCastException(),
    };

    public static ulong ToUInt64(object v) => v switch
    {
        uint u => u,
        ulong u => u,
        ushort u => u,
        byte b => b,
        _ => unchecked((ulong)ToInt64(v)),
    };

    public static double ToDouble(object v) => v switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => Kind(v) == GoKind.Uint ? ToUInt64(v) : ToInt64(v),
    };

    /// <summary>A map view of <paramref name="v"/>, or null.</summary>
    public static MapView? AsMap(object? v) => v switch
    {
        JsonElement { ValueKind: JsonValueKind.Object } e => new JsonElementMap(e),
        JsonObject o => new JsonObjectMap(o),
        GoMap m => new DictionaryMap(m.Entries),
        GoNil { IsMap: true } => new DictionaryMap(new Dictionary<string, object?>()),
        IDictionary d => new DictionaryMap(d),
        null or string or Missing => null,
        _ => ReadOnlyDictionaryAdapter.For(v),
    };

    /// <summary>A list view of <paramref name="v"/> (slices, arrays, JSON arrays, other sequences), or null.</summary>
    public static IReadOnlyList<object?>? AsList(object? v)
    {
        switch (v)
        {
            case null or string or Missing or IDictionary:
                return null;
            case JsonElement { ValueKind: JsonValueKind.Array } e:
                {
                    var list = new List<object?>(e.GetArrayLength());
                    foreach (var item in e.EnumerateArray())
                    {
                        list.Add(item);
                    }

                    return list;
                }

            case JsonElement:
                return null;
            case JsonArray a:
                return [.. a];
            case GoNil { Kind: GoKind.Slice }:
                return [];
            case IReadOnlyList<object?> l:
                return l;
            case IEnumerable en when Kind(v) == GoKind.Slice:
                return en.Cast<object?>().ToList();
            default:
                return null;
        }
    }

    /// <summary>Go's type name of a value, for error messages (<c>string</c>, <c>int</c>, <c>map[string]interface {}</c>, <c>[]string</c>).</summary>
    public static string TypeName(object? v) => v switch
    {
        Missing or null => "<nil>",
        JsonElement { ValueKind: JsonValueKind.Object } or JsonObject => "map[string]interface {}",
        JsonElement { ValueKind: JsonValueKind.Array } or JsonArray => "[]interface {}",
        GoStruct => "struct",
        GoMap or GoNil { IsMap: true } => "map[string]interface {}",
        GoNil { Kind: GoKind.Slice } => "[]interface {}",
        GoNil => "*struct",
        _ => TypeName(v.GetType()),
    };

    /// <summary>Go's name of a CLR type.</summary>
    public static string TypeName(Type t) => TypeNameCache.GetOrAdd(t, ComputeTypeName);

    private static string ComputeTypeName(Type t)
    {
        if (t == typeof(string))
        {
            return "string";
        }

        if (t == typeof(int))
        {
            return "int";
        }

        if (t == typeof(long))
        {
            return "int64";
        }

        if (t == typeof(bool))
        {
            return "bool";
        }

        if (t == typeof(double) || t == typeof(decimal))
        {
            return "float64";
        }

        if (t == typeof(float))
        {
            return "float32";
        }

        if (t == typeof(uint))
        {
            return "uint";
        }

        if (t == typeof(ulong))
        {
            return "uint64";
        }

        if (t == typeof(short))
        {
            return "int16";
        }

        if (t == typeof(ushort))
        {
            return "uint16";
        }

        if (t == typeof(byte))
        {
            return "uint8";
        }

        if (t == typeof(sbyte))
        {
            return "int8";
        }

        if (t == typeof(char))
        {
            return "int32";
        }

        if (t == typeof(object) || t == typeof(JsonElement) || t == typeof(JsonNode))
        {
            return "interface {}";
        }

        var attr = t.GetCustomAttribute<GoTypeNameAttribute>();
        if (attr is not null)
        {
            return attr.Name;
        }

        if (t.IsArray)
        {
            return "[]" + TypeName(t.GetElementType()!);
        }

        var dict = FindGeneric(t, typeof(IReadOnlyDictionary<,>)) ?? FindGeneric(t, typeof(IDictionary<,>));
        if (dict is not null)
        {
            var args = dict.GetGenericArguments();
            return $"map[{TypeName(args[0])}]{TypeName(args[1])}";
        }

        var en = FindGeneric(t, typeof(IEnumerable<>));
        if (en is not null)
        {
            return "[]" + TypeName(en.GetGenericArguments()[0]);
        }

        if (typeof(Delegate).IsAssignableFrom(t))
        {
            return "func";
        }

        return "*" + t.Name;
    }

    /// <summary>Go's zero value for a CLR element type (for <c>index</c> of a missing key).</summary>
    public static object? Zero(Type t)
    {
        if (t == typeof(string))
        {
            return string.Empty;
        }

        return t.IsValueType && Nullable.GetUnderlyingType(t) is null ? Activator.CreateInstance(t) : null;
    }

    public static Type? FindGeneric(Type t, Type definition)
    {
        if (t.IsGenericType && t.GetGenericTypeDefinition() == definition)
        {
            return t;
        }

        foreach (var i in t.GetInterfaces())
        {
            if (i.IsGenericType && i.GetGenericTypeDefinition() == definition)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Go's fmtsort order for map keys: numbers numerically, strings byte-wise, bool false first.</summary>
    public static int CompareKeys(object a, object b)
    {
        var ka = Kind(a);
        var kb = Kind(b);
        if (ka == GoKind.String && kb == GoKind.String)
        {
            return string.CompareOrdinal((string)a, (string)b);
        }

        if (ka == GoKind.Int && kb == GoKind.Int)
        {
            return ToInt64(a).CompareTo(ToInt64(b));
        }

        if (ka is GoKind.Int or GoKind.Uint or GoKind.Float && kb is GoKind.Int or GoKind.Uint or GoKind.Float)
        {
            return ToDouble(a).CompareTo(ToDouble(b));
        }

        if (ka == GoKind.Bool && kb == GoKind.Bool)
        {
            return ((bool)a).CompareTo((bool)b);
        }

        return string.CompareOrdinal(a.ToString(), b.ToString());
    }

    /// <summary>A public instance property or method named exactly <paramref name="name"/> on a plain object.</summary>
    public static MemberInfo? FindMember(Type t, string name) => MemberCache.GetOrAdd((t, name), static k => ComputeMember(k.Item1, k.Item2));

    private static MemberInfo? ComputeMember(Type t, string name)
    {
        var prop = t.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (prop is not null && prop.GetIndexParameters().Length == 0)
        {
            return prop;
        }

        var field = t.GetField(name, BindingFlags.Public | BindingFlags.Instance);
        if (field is not null)
        {
            return field;
        }

        return t.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m => m.Name == name && !m.IsGenericMethodDefinition && !m.IsSpecialName);
    }

    private sealed class JsonElementMap(JsonElement e) : MapView
    {
        public override int Count => e.EnumerateObject().Count();

        public override string TypeName => "map[string]interface {}";

        public override object? ZeroElem => null;

        public override bool IsJsonObject => true;

        public override bool TryGet(object? key, out object? value)
        {
            if (key is string s && e.TryGetProperty(s, out var p))
            {
                value = p;
                return true;
            }

            value = null;
            return false;
        }

        public override IReadOnlyList<KeyValuePair<object, object?>> Entries() =>
            e.EnumerateObject().Select(p => new KeyValuePair<object, object?>(p.Name, p.Value)).ToList();

        public override IReadOnlyList<KeyValuePair<object, object?>> SortedEntries() => Sort([.. Entries()]);
    }

    private sealed class JsonObjectMap(JsonObject o) : MapView
    {
        public override int Count => o.Count;

        public override string TypeName => "map[string]interface {}";

        public override object? ZeroElem => null;

        public override bool IsJsonObject => true;

        public override bool TryGet(object? key, out object? value)
        {
            if (key is string s && o.TryGetPropertyValue(s, out var n))
            {
                value = n;
                return true;
            }

            value = null;
            return false;
        }

        public override IReadOnlyList<KeyValuePair<object, object?>> Entries() =>
            o.Select(p => new KeyValuePair<object, object?>(p.Key, p.Value)).ToList();

        public override IReadOnlyList<KeyValuePair<object, object?>> SortedEntries() => Sort([.. Entries()]);
    }

    private sealed class DictionaryMap(IDictionary d) : MapView
    {
        private readonly Type? generic = FindGeneric(d.GetType(), typeof(IDictionary<,>));

        public override int Count => d.Count;

        public override string TypeName => Values.TypeName(d.GetType());

        public override object? ZeroElem => generic is null ? null : Zero(generic.GetGenericArguments()[1]);

        public override bool StringKeys => generic is null || generic.GetGenericArguments()[0] == typeof(string);

        public override bool TryGet(object? key, out object? value)
        {
            if (key is not null && d.Contains(key))
            {
                value = d[key];
                return true;
            }

            value = null;
            return false;
        }

        public override IReadOnlyList<KeyValuePair<object, object?>> SortedEntries()
        {
            var list = new List<KeyValuePair<object, object?>>(d.Count);
            foreach (DictionaryEntry entry in d)
            {
                list.Add(new(entry.Key, entry.Value));
            }

            return Sort(list);
        }
    }
}

/// <summary>A map view over any <c>IReadOnlyDictionary&lt;TKey, TValue&gt;</c> that is not an <see cref="IDictionary"/>.</summary>
internal abstract class ReadOnlyDictionaryAdapter : MapView
{
    private static readonly ConcurrentDictionary<Type, Type?> AdapterTypes = new();

    public static MapView? For(object v)
    {
        var adapter = AdapterTypes.GetOrAdd(v.GetType(), static t =>
        {
            var i = Values.FindGeneric(t, typeof(IReadOnlyDictionary<,>));
            return i is null ? null : typeof(Adapter<,>).MakeGenericType(i.GetGenericArguments());
        });
        return adapter is null ? null : (MapView)Activator.CreateInstance(adapter, v)!;
    }

    private sealed class Adapter<TKey, TValue>(IReadOnlyDictionary<TKey, TValue> d) : ReadOnlyDictionaryAdapter
    {
        public override int Count => d.Count;

        public override string TypeName => $"map[{Values.TypeName(typeof(TKey))}]{Values.TypeName(typeof(TValue))}";

        public override object? ZeroElem => Values.Zero(typeof(TValue));

        public override bool StringKeys => typeof(TKey) == typeof(string);

        public override bool TryGet(object? key, out object? value)
        {
            if (key is TKey k && d.TryGetValue(k, out var v))
            {
                value = v;
                return true;
            }

            value = null;
            return false;
        }

        public override IReadOnlyList<KeyValuePair<object, object?>> SortedEntries() =>
            Sort(d.Select(p => new KeyValuePair<object, object?>(p.Key!, p.Value)).ToList());
    }
}
