// Farms paint on the same two cores: the collections (a shared farm, farms of their own) run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
