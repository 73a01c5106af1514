using RenderFarm.Benchmarks;

// ./farm bench [--help]: one run, one machine — bare ONNX Runtime, the worker through the real bus and blob store,
// latency, scale-out, memory — or one of the smaller tools (stages, stages-diff, gpu-check-kit, quality, sas).
return await BenchCommands.InvokeAsync(args);
