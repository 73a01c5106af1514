using Microsoft.ML.OnnxRuntime;

namespace RenderFarm.Worker.Painting;

/// <summary>A stage model's session (<see cref="SessionFactory.CreateStageModel"/>), and whether it runs jobs in batches.</summary>
/// <param name="Session">The model, on the provider Execution:StageModels chose.</param>
/// <param name="Batched">Opened with a free batch dimension, to run the jobs gathered by Execution:StageModelBatches.</param>
public sealed record StageModelSession(InferenceSession Session, bool Batched);
