using System.Collections;

namespace RenderFarm.TestSupport;

/// <summary>A list safe to add to from several threads (exporters of several hosts), for in-memory telemetry capture.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    readonly List<T> items = [];

    public int Count { get { lock (items) return items.Count; } }
    public bool IsReadOnly => false;
    public void Add(T item) { lock (items) items.Add(item); }
    public void Clear() { lock (items) items.Clear(); }
    public bool Contains(T item) { lock (items) return items.Contains(item); }
    public void CopyTo(T[] array, int arrayIndex) { lock (items) items.CopyTo(array, arrayIndex); }
    public bool Remove(T item) { lock (items) return items.Remove(item); }
    public List<T> Snapshot() { lock (items) return [.. items]; }
    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
