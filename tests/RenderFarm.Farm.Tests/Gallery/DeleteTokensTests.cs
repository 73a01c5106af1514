using RenderFarm.Farm.Gallery;

namespace RenderFarm.Farm.Tests.Gallery;

public class DeleteTokensTests
{
    [Fact]
    public void Token_matches_only_its_own_hash()
    {
        var token = DeleteTokens.Create();
        var hash = DeleteTokens.Hash(token);

        Assert.True(DeleteTokens.Matches(token, hash));
        Assert.False(DeleteTokens.Matches(DeleteTokens.Create(), hash));
        Assert.False(DeleteTokens.Matches(token[..^1], hash));
        Assert.False(DeleteTokens.Matches(null, hash));
        Assert.False(DeleteTokens.Matches(token, null));
        Assert.DoesNotContain(token, hash);
    }

    [Fact]
    public void Gallery_ids_are_random_and_url_safe()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => DeleteTokens.NewGalleryId()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{22}$", id));
    }
}
