package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Public JID vectors, data only: RFC 7622 §3.5 (Table 1, valid; Table 2, invalid), the jxmpp "xmpp-strings"
 * corpus ({@code jxmpp-strings-testframework/.../jids/{valid,invalid}/main}, which also carries Prosody's cases),
 * Prosody's {@code spec/util_jid_spec.lua} and mellium/xmpp's {@code jid_test.go}. Every invalid case names the
 * part that breaks a rule; where several parts do, the leftmost is reported.
 */
class JidCorpusTest {

    /** input, canonical form, localpart ("" if none), domainpart, resourcepart ("" if none). */
    static Stream<Arguments> validJids() {
        return Stream.of(
                // RFC 7622 Table 1 (as in the jxmpp valid corpus)
                arguments("juliet@example.com", "juliet@example.com", "juliet", "example.com", ""),
                arguments("juliet@example.com/foo", "juliet@example.com/foo", "juliet", "example.com", "foo"),
                arguments("juliet@example.com/foo bar", "juliet@example.com/foo bar", "juliet", "example.com",
                        "foo bar"),
                arguments("juliet@example.com/foo@bar", "juliet@example.com/foo@bar", "juliet", "example.com",
                        "foo@bar"),
                arguments("foo\\20bar@example.com", "foo\\20bar@example.com", "foo\\20bar", "example.com", ""),
                arguments("fussball@example.com", "fussball@example.com", "fussball", "example.com", ""),
                arguments("fußball@example.com", "fußball@example.com", "fußball", "example.com", ""),
                arguments("π@example.com", "π@example.com", "π", "example.com", ""),
                arguments("Σ@example.com", "σ@example.com", "σ", "example.com", ""),
                // The jxmpp corpus expects σ here, flagged "TODO: is the mapping correct?"; RFC 8265 lowercases,
                // and the lower case of ς is ς (only RFC 7613's case folding made it σ).
                arguments("ς@example.com", "ς@example.com", "ς", "example.com", ""),
                arguments("king@example.com/♚", "king@example.com/♚", "king", "example.com", "♚"),
                arguments("example.com", "example.com", "", "example.com", ""),
                arguments("example.com/foobar", "example.com/foobar", "", "example.com", "foobar"),
                arguments("a.example.com/b@example.net", "a.example.com/b@example.net", "", "a.example.com",
                        "b@example.net"),
                // Erratum 4560: a leading space in the resourcepart is allowed by OpaqueString after all.
                arguments("juliet@example.com/ foo", "juliet@example.com/ foo", "juliet", "example.com", " foo"),
                // Prosody util_jid_spec.lua (also in the jxmpp corpus)
                arguments("node@server", "node@server", "node", "server", ""),
                arguments("node@server/resource", "node@server/resource", "node", "server", "resource"),
                arguments("server", "server", "", "server", ""),
                arguments("server/resource", "server/resource", "", "server", "resource"),
                arguments("server/resource@foo", "server/resource@foo", "", "server", "resource@foo"),
                arguments("server/resource@foo/bar", "server/resource@foo/bar", "", "server", "resource@foo/bar"),
                arguments("node@server.", "node@server", "node", "server", ""),
                arguments("foo.example.com/some resource", "foo.example.com/some resource", "", "foo.example.com",
                        "some resource"),
                arguments("foo@example/some@resource", "foo@example/some@resource", "foo", "example",
                        "some@resource"),
                arguments("foo@example/@resource", "foo@example/@resource", "foo", "example", "@resource"),
                // mellium/xmpp jid_test.go
                arguments("mercutio@example.net//@//", "mercutio@example.net//@//", "mercutio", "example.net",
                        "/@//"),
                arguments("mercutio@example.net/@", "mercutio@example.net/@", "mercutio", "example.net", "@"),
                arguments("[::1]", "[::1]", "", "[::1]", ""));
    }

    /** input, the part reported. */
    static Stream<Arguments> invalidJids() {
        return Stream.of(
                // RFC 7622 Table 2 (as in the jxmpp invalid corpus)
                arguments("\"juliet\"@example.com", JidPart.LOCALPART),
                arguments("foo bar@example.com", JidPart.LOCALPART),
                arguments("@example.com/", JidPart.LOCALPART),
                arguments("henry\u2163@example.com", JidPart.LOCALPART),
                arguments("♚@example.com", JidPart.LOCALPART),
                arguments("juliet@", JidPart.DOMAINPART),
                arguments("/foobar", JidPart.DOMAINPART),
                // Prosody util_jid_spec.lua (most also in the jxmpp corpus)
                arguments("node@/server", JidPart.DOMAINPART),
                arguments("@server", JidPart.LOCALPART),
                arguments("@server/resource", JidPart.LOCALPART),
                arguments("@/resource", JidPart.LOCALPART),
                arguments("@/", JidPart.LOCALPART),
                arguments("/", JidPart.DOMAINPART),
                arguments("@", JidPart.LOCALPART),
                arguments("", JidPart.DOMAINPART),
                arguments("user@", JidPart.DOMAINPART),
                arguments("user@@", JidPart.DOMAINPART),
                arguments("user@@host", JidPart.DOMAINPART),
                arguments("user@@host/resource", JidPart.DOMAINPART),
                arguments("user@@host/", JidPart.DOMAINPART),
                arguments("user@host/", JidPart.RESOURCEPART),
                arguments("@server/", JidPart.LOCALPART),
                arguments("server/", JidPart.RESOURCEPART),
                arguments("/resource", JidPart.DOMAINPART),
                arguments("@x/foo", JidPart.LOCALPART),
                arguments("foo@example@resource", JidPart.DOMAINPART),
                arguments("node@invalid-\u0080-server", JidPart.DOMAINPART),
                arguments("<invalid node>@server", JidPart.LOCALPART),
                arguments("node@server/invalid-\u0000-resource", JidPart.RESOURCEPART),
                // mellium/xmpp jid_test.go
                arguments("test@/test", JidPart.DOMAINPART),
                arguments("b\"d@example.net", JidPart.LOCALPART),
                arguments("b&d@example.net", JidPart.LOCALPART),
                arguments("b'd@example.net", JidPart.LOCALPART),
                arguments("b:d@example.net", JidPart.LOCALPART),
                arguments("b<d@example.net", JidPart.LOCALPART),
                arguments("b>d@example.net", JidPart.LOCALPART),
                arguments("e@example.net/", JidPart.RESOURCEPART),
                arguments("[example.net]", JidPart.DOMAINPART),
                arguments("\ud800\udbff@example.net", JidPart.LOCALPART),
                arguments("test@\udfff", JidPart.DOMAINPART),
                arguments("test@example.net/\ud800", JidPart.RESOURCEPART));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("validJids")
    void aValidJidParsesIntoItsCanonicalParts(String input, String canonical, String localpart, String domain,
            String resource) {
        Jid jid = Jid.parse(input);

        assertThat(jid).hasToString(canonical);
        assertThat(jid.localpart()).isEqualTo(optional(localpart));
        assertThat(jid.domain()).isEqualTo(domain);
        assertThat(jid.resourcepart()).isEqualTo(optional(resource));
        assertThat(Jid.parse(canonical)).isEqualTo(jid);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("invalidJids")
    void anInvalidJidIsRejectedNamingThePart(String input, JidPart part) {
        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOfSatisfying(InvalidJidException.class, e -> {
            assertThat(e.part()).isEqualTo(part);
            assertThat(e.input()).isEqualTo(input);
            assertThat(e.getMessage()).contains("the " + part.rfcName() + " ");
        });
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
