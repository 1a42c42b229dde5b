using ConformanceKit.Einvoice.Codes;
using FsCheck.Fluent;

namespace ConformanceKit.Einvoice.Tests.Codes;

public class MessageIdTests
{
    [Theory]
    [InlineData("TCTB2C5E9AF7DEF49B5BA33411171A2DF30", "TCT")]
    [InlineData("V03094783068DD2707F86154E8594A24EFC2BAE1227", "V0309478306")]
    public void Real_message_ids_are_read(string s, string sender)
    {
        Assert.True(MessageId.TryParse(s, out var id, out var error), error);
        Assert.Equal(sender, id.Sender);
        Assert.Equal(s[sender.Length..], id.Hex);
        Assert.Equal(s, id.ToString());
    }

    [Fact]
    public void Uuid_version_is_not_required() =>
        Assert.True(MessageId.TryParse("K0106324653" + new string('A', 32), out _, out _));

    [Fact]
    public void New_formats_the_guid_upper_case_without_dashes()
    {
        var guid = Guid.Parse("8dd2707f-8615-4e85-94a2-4efc2bae1227");
        Assert.Equal("V03094783068DD2707F86154E8594A24EFC2BAE1227", MessageId.New("V0309478306", guid).Value);
        Assert.Equal(43, MessageId.New("K0106324653").Value.Length);
        Assert.Throws<ArgumentException>(() => MessageId.New("X0106324653"));
    }

    [Theory]
    [InlineData("TCT", true)]
    [InlineData("V0309478306", true)]
    [InlineData("K0106324653", true)]
    [InlineData("V0309478305", false)] // check digit
    [InlineData("K0106324653-001", false)] // 15 characters: over the MNGui limit
    [InlineData("X0106324653", false)]
    [InlineData("tct", false)]
    [InlineData("V", false)]
    [InlineData(null, false)]
    public void Sender_codes(string? s, bool valid) => Assert.Equal(valid, MessageId.IsValidSenderCode(s));

    [Theory]
    [InlineData(null, "MTDiep is empty")]
    [InlineData("B2C5E9AF7DEF49B5BA33411171A2DF30", "MTDiep must be a sender code followed by 32 upper-case hex digits")]
    [InlineData("TCTb2c5e9af7def49b5ba33411171a2df30", "MTDiep must end with 32 upper-case hex digits (a UUID without dashes)")]
    [InlineData("TCTB2C5E9AF-7DEF-49B5-BA33-411171A2DF30", "MTDiep must end with 32 upper-case hex digits (a UUID without dashes)")]
    [InlineData("XYZB2C5E9AF7DEF49B5BA33411171A2DF30", "MTDiep sender part 'XYZ' is not TCT, V+MST or K+MST")]
    [InlineData("V0309478305B2C5E9AF7DEF49B5BA33411171A2DF30", "MTDiep sender part 'V0309478305' is not TCT, V+MST or K+MST")]
    [InlineData("V0309478306-001B2C5E9AF7DEF49B5BA33411171A2DF30", "MTDiep must be at most 46 characters, got 47")]
    public void Invalid_ids_are_explained(string? s, string expected)
    {
        Assert.False(MessageId.TryParse(s, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void New_then_parse_round_trips() =>
        Props.ForAll(
            from sender in Gen.Elements("TCT", "V0309478306", "K0106324653", "V0401486901")
            from bytes in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)
            select (sender, guid: new Guid(bytes)),
            x =>
            {
                var id = MessageId.New(x.sender, x.guid);
                return MessageId.TryParse(id.Value, out var p, out _) && p == id && p.Sender == x.sender
                    && Guid.ParseExact(p.Hex, "N") == x.guid;
            });
}
