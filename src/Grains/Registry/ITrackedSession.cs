namespace Interview.Grains.Registry;

/// <summary>
/// A session as the registry sees it: something with a deadline it reports, and that it asks to expire
/// once that deadline has passed. The session grain implements it.
/// </summary>
public interface ITrackedSession : IGrainWithGuidKey
{
    /// <summary>Asked by the registry once the session's deadline has passed: expire now if it is due.</summary>
    [OneWay]
    Task CheckExpiry();
}
