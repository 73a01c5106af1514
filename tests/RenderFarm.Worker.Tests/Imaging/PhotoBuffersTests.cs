using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

public class PhotoBuffersTests
{
    const int Megabyte = 1 << 20;

    [Fact]
    public void An_array_given_back_is_rented_again_for_the_same_length_only()
    {
        var buffers = new PhotoBuffers();
        var array = buffers.Rent(3 * Megabyte);

        buffers.Return(array);

        Assert.NotSame(array, buffers.Rent(3 * Megabyte + 4));
        Assert.Same(array, buffers.Rent(3 * Megabyte));
        Assert.NotSame(array, buffers.Rent(3 * Megabyte));
        Assert.Equal(0, buffers.KeptBytes);
    }

    [Fact]
    public void The_oldest_arrays_make_room_and_no_more_than_the_capacity_is_kept()
    {
        var buffers = new PhotoBuffers(capacity: 10 * Megabyte);
        var (oldest, middle, newest) = (buffers.Rent(4 * Megabyte), buffers.Rent(4 * Megabyte), buffers.Rent(4 * Megabyte));

        buffers.Return(oldest);
        buffers.Return(middle);
        buffers.Return(newest);

        Assert.Equal(8 * Megabyte, buffers.KeptBytes);
        Assert.Same(middle, buffers.Rent(4 * Megabyte));
        Assert.Same(newest, buffers.Rent(4 * Megabyte));
        Assert.NotSame(oldest, buffers.Rent(4 * Megabyte));
    }

    [Fact]
    public void Small_arrays_and_arrays_beyond_the_capacity_are_not_kept()
    {
        var buffers = new PhotoBuffers(capacity: 10 * Megabyte);

        buffers.Return(buffers.Rent(PhotoBuffers.MinLength - 1));
        buffers.Return(buffers.Rent(11 * Megabyte));

        Assert.Equal(0, buffers.KeptBytes);
    }

    [Fact]
    public void Only_its_own_arrays_are_taken_back_and_each_once()
    {
        var buffers = new PhotoBuffers();
        var foreign = new byte[2 * Megabyte]; // a shared ground's pixels, say, given back by mistake
        var own = buffers.Rent(2 * Megabyte);

        buffers.Return(foreign);
        buffers.Return(own);
        buffers.Return(own);

        Assert.Equal(2 * Megabyte, buffers.KeptBytes);
        Assert.Same(own, buffers.Rent(2 * Megabyte));
        var next = buffers.Rent(2 * Megabyte);
        Assert.NotSame(foreign, next);
        Assert.NotSame(own, next);
    }

    [Fact]
    public void Arrays_of_wider_elements_are_kept_and_counted_by_their_bytes()
    {
        var masks = new KeptArrays<float>(capacity: 4 * Megabyte);
        var (mask, small) = (masks.Rent(Megabyte / 2), masks.Rent(Megabyte / 32)); // 2 MiB and 128 KiB of floats

        masks.Return(mask);
        masks.Return(small);

        Assert.Equal(2 * Megabyte, masks.KeptBytes);
        Assert.Same(mask, masks.Rent(Megabyte / 2));
    }
}
