using ImageDsl.Config;
using ImageDsl.Model;

namespace ImageDsl.Tests.Config;

/// <summary>apko's Validate() mutations, applied after validation and idempotent.</summary>
public class DeriverTests
{
    private static readonly ImageConfiguration Bundle = new()
    {
        Contents = new ImageContents { Packages = ["nginx"] },
        Entrypoint = new ImageEntrypoint { Type = ImageEntrypoint.ServiceBundle, Services = ValueMap.Of(("nginx", "/usr/sbin/nginx")) },
        Accounts = new ImageAccounts
        {
            Users = [new UserAccount { UserName = "nginx", Uid = 101 }, new UserAccount { UserName = "app", Uid = 102, HomeDir = "/srv" }],
        },
    };

    [Fact]
    public void A_service_bundle_runs_s6_svscan_and_installs_s6()
    {
        ImageConfiguration derived = ConfigurationDeriver.Derive(Bundle);
        Assert.Equal("/bin/s6-svscan /sv", derived.Entrypoint!.Command);
        Assert.Equal(["nginx", "s6"], derived.Contents.Packages);
    }

    [Fact]
    public void Users_without_a_home_get_home_slash_name()
    {
        ImageConfiguration derived = ConfigurationDeriver.Derive(Bundle);
        Assert.Equal(["/home/nginx", "/srv"], derived.Accounts!.Users.Select(u => u.HomeDir));
    }

    [Fact]
    public void Deriving_twice_changes_nothing_more()
    {
        ImageConfiguration once = ConfigurationDeriver.Derive(Bundle);
        Assert.Equal(once, ConfigurationDeriver.Derive(once));
    }

    [Fact]
    public void A_derived_configuration_written_out_loads_back_the_same_and_still_validates()
    {
        ImageConfiguration derived = ConfigurationDeriver.Derive(Bundle);
        LoadedConfiguration reloaded = ConfigurationLoader.Parse(ApkoYamlWriter.Write(derived));
        Assert.Equal(derived, reloaded.Configuration);
        Assert.Empty(reloaded.Warnings);
    }

    [Fact]
    public void Without_a_bundle_or_users_nothing_changes()
    {
        var plain = new ImageConfiguration { Contents = new ImageContents { Packages = ["busybox"] }, Cmd = "/bin/sh" };
        Assert.Same(plain, ConfigurationDeriver.Derive(plain));
    }
}
