namespace RenderFarm.Farm.Uploads;

/// <summary>When the oldest upload seen by a listing was stored (null until one is seen).</summary>
public sealed class OldestUpload
{
    public DateTimeOffset? StoredAt { get; private set; }

    public void See(DateTimeOffset storedAt)
    {
        if (StoredAt is null || storedAt < StoredAt) StoredAt = storedAt;
    }
}
