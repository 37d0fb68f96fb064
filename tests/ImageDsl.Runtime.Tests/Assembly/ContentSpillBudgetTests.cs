using System.Security.Cryptography;
using ImageDsl.Assembling.FileSystem;
using ImageDsl.Assembling.Install;

namespace ImageDsl.Tests.Assembling;

/// <summary>
/// File bodies kept in memory during install have a total budget per build: small files past it go to the
/// spill file like large ones, so many small files cannot hold the whole image in memory.
/// </summary>
public sealed class ContentSpillBudgetTests : IDisposable
{
    private readonly TempDirectory _temp = new("imagedsl-spill-budget");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Many_small_files_stay_within_the_memory_budget()
    {
        const int files = 1024, size = 256 * 1024; // 256 MiB of 256 KiB files: each small enough to stay in memory alone
        var kept = new List<FileContent>(files);
        byte[] body = new byte[size];
        // This thread's allocations, not the process heap: other tests run in parallel in this process.
        long before = GC.GetAllocatedBytesForCurrentThread();
        using (var spill = new ContentSpill(_temp.Path))
        {
            for (int i = 0; i < files; i++)
            {
                body[0] = (byte)i;
                body[^1] = (byte)(i >> 8);
                kept.Add(spill.Store(new MemoryStream(body), size, null));
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(spill.BytesInMemory <= ContentSpill.DefaultMemoryBudget, $"{spill.BytesInMemory} bytes in memory");
            Assert.Equal((long)files * size, spill.BytesInMemory + spill.BytesSpilled);
            // Without the budget every body was copied into its own array: 256 MiB here, 1 GiB for 4,096 files.
            Assert.True(allocated < ContentSpill.DefaultMemoryBudget + (16L << 20), $"{allocated >> 20} MiB allocated for {(long)files * size >> 20} MiB of files");

            // Every body reads back as stored, whether it stayed in memory or was spilled.
            foreach (int i in new[] { 0, 1, 255, 256, 700, files - 1 })
            {
                byte[] back = kept[i].ReadAllBytes();
                Assert.Equal(size, back.Length);
                Assert.Equal(((byte)i, (byte)(i >> 8)), (back[0], back[^1]));
            }
        }
    }

    [Fact]
    public void A_zero_budget_spills_everything_and_contents_survive()
    {
        using var spill = new ContentSpill(_temp.Path, memoryBudget: 0);
        byte[] small = RandomNumberGenerator.GetBytes(100);
        FileContent content = spill.Store(new MemoryStream(small), small.Length, null);
        Assert.Equal(0, spill.BytesInMemory);
        Assert.Equal(small, content.ReadAllBytes());
    }
}
