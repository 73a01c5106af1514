namespace RenderFarm.Gateway.Portraits;

public enum CancelOutcome
{
    Canceled,
    NotFound,
    AlreadyEnded,
}
