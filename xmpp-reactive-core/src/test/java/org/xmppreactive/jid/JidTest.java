package org.xmppreactive.jid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JidTest {

    static AbstractThrowableAssert<?, ?> assertInvalid(String jid, JidPart part) {
        return assertThatThrownBy(() -> Jid.parse(jid))
                .isInstanceOf(InvalidJidException.class)
                .hasMessageContaining("the " + part.rfcName() + " ")
                .satisfies(e -> assertThat(((InvalidJidException) e).part()).isEqualTo(part))
                .satisfies(e -> assertThat(((InvalidJidException) e).input()).isEqualTo(jid));
    }

    // --- parts and accessors ------------------------------------------------------------------------------------

    @Test
    void aFullJidExposesItsThreeParts() {
        Jid jid = Jid.parse("juliet@example.com/balcony");

        assertThat(jid.localpart()).contains("juliet");
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resourcepart()).contains("balcony");
        assertThat(jid.isBare()).isFalse();
    }

    @Test
    void aDomainJidHasNeitherLocalpartNorResourcepart() {
        Jid jid = Jid.parse("example.com");

        assertThat(jid.localpart()).isEmpty();
        assertThat(jid.domain()).isEqualTo("example.com");
        assertThat(jid.resourcepart()).isEmpty();
        assertThat(jid.isBare()).isTrue();
    }

    @Test
    void theResourcepartStartsAtTheFirstSlashAndMayHoldAtSignsAndSlashes() {
        Jid jid = Jid.parse("mercutio@example.net//@//");

        assertThat(jid.localpart()).contains("mercutio");
        assertThat(jid.domain()).isEqualTo("example.net");
        assertThat(jid.resourcepart()).contains("/@//");
    }

    @Test
    void anAtSignAfterTheFirstSlashDoesNotStartALocalpart() {
        Jid jid = Jid.parse("server/resource@foo");

        assertThat(jid.localpart()).isEmpty();
        assertThat(jid.domain()).isEqualTo("server");
        assertThat(jid.resourcepart()).contains("resource@foo");
    }

    @Test
    void anInputAlreadyInCanonicalFormIsKeptWithoutCopying() {
        String input = "juliet@example.com/balcony";

        assertThat(Jid.parse(input).toString()).isSameAs(input);
    }

    // --- preparation --------------------------------------------------------------------------------------------

    @Test
    void localpartAndDomainAreCaseMappedButTheResourceKeepsItsCase() {
        assertThat(Jid.parse("Juliet@Example.COM/Balcony")).hasToString("juliet@example.com/Balcony");
    }

    @Test
    void fullwidthLettersInTheLocalpartAreWidthMapped() {
        assertThat(Jid.parse("ＪＵＬＩＥＴ@example.com")).hasToString("juliet@example.com");
    }

    @Test
    void fullwidthLettersInTheResourcepartAreKept() {
        assertThat(Jid.parse("juliet@example.com/Ａ１").resourcepart()).contains("Ａ１");
    }

    @Test
    void aFullwidthAtSignThatWidthMappingTurnsIntoAnAtSignIsRejected() {
        assertInvalid("a＠b@example.com", JidPart.LOCALPART).hasMessageContaining("after width mapping");
    }

    @Test
    void everyPartIsNormalisedToNfc() {
        String decomposed = "cafe\u0301";
        Jid jid = Jid.parse(decomposed + "@" + decomposed + ".example/" + decomposed);

        assertThat(jid).hasToString("café@café.example/café");
    }

    @Test
    void nonAsciiSpacesInTheResourcepartBecomeAsciiSpaces() {
        assertThat(Jid.parse("juliet@example.com/foo\u00a0bar").resourcepart()).contains("foo bar");
    }

    @Test
    void sharpSAndFinalSigmaAreKeptAsRfc8265LowerCasingDoes() {
        assertThat(Jid.parse("Fußball@example.com").localpart()).contains("fußball");
        assertThat(Jid.parse("ς@example.com").localpart()).contains("ς");
        assertThat(Jid.parse("Σ@example.com").localpart()).contains("σ");
        // toLowerCase applies the Final_Sigma context: a capital sigma at the end of a word becomes ς.
        assertThat(Jid.parse("ΣΑΣ@example.com").localpart()).contains("σας");
    }

    @Test
    void aNonAsciiDomainIsMappedToLowerCaseULabels() {
        assertThat(Jid.parse("jürgen@MÜLLER.de")).hasToString("jürgen@müller.de");
        assertThat(Jid.parse("ñaño@ejemplo.es/teléfono")).hasToString("ñaño@ejemplo.es/teléfono");
    }

    @Test
    void anALabelDomainIsStoredAsItsULabel() {
        assertThat(Jid.parse("juliet@xn--mller-kva.de").domain()).isEqualTo("müller.de");
        assertThat(Jid.parse("juliet@XN--MLLER-KVA.DE").domain()).isEqualTo("müller.de");
    }

    @Test
    void sharpSInTheDomainIsKeptByNontransitionalProcessing() {
        assertThat(Jid.parse("faß.de").domain()).isEqualTo("faß.de");
    }

    @Test
    void ideographicFullStopsSeparateDomainLabels() {
        assertThat(Jid.parse("例え。テスト").domain()).isEqualTo("例え.テスト");
    }

    // --- trailing dot -------------------------------------------------------------------------------------------

    @Test
    void oneTrailingDotOfTheDomainIsStripped() {
        assertThat(Jid.parse("juliet@example.com./balcony")).hasToString("juliet@example.com/balcony");
        assertThat(Jid.parse("node@server.")).isEqualTo(Jid.parse("node@server"));
        assertThat(Jid.parse("例え.テスト。").domain()).isEqualTo("例え.テスト");
    }

    @Test
    void aSecondTrailingDotIsAnEmptyLabel() {
        assertInvalid("juliet@example.com..", JidPart.DOMAINPART);
        assertInvalid("juliet@例え.テスト.。", JidPart.DOMAINPART);
    }

    @Test
    void aDomainThatIsOnlyADotIsEmpty() {
        assertInvalid("juliet@.", JidPart.DOMAINPART).hasMessageContaining("is empty");
    }

    // --- IP literals --------------------------------------------------------------------------------------------

    @Test
    void anIpv6LiteralInBracketsIsADomainAndIsLowerCased() {
        assertThat(Jid.parse("juliet@[2001:DB8::1]/balcony").domain()).isEqualTo("[2001:db8::1]");
        assertThat(Jid.parse("[::1]").domain()).isEqualTo("[::1]");
        assertThat(Jid.parse("[::ffff:192.0.2.1]").domain()).isEqualTo("[::ffff:192.0.2.1]");
    }

    @Test
    void anIpv4AddressIsADomainWithoutBrackets() {
        assertThat(Jid.parse("juliet@192.0.2.1").domain()).isEqualTo("192.0.2.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[example.net]", "[::1", "[]", "[1.2.3.4]", "[::1%eth0]", "[1::2::3]", "[::1]x", "::1"})
    void somethingElseInBracketsIsNotAnIpLiteral(String domain) {
        assertInvalid("juliet@" + domain, JidPart.DOMAINPART);
    }

    // --- IDNA rejections ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"-a.example", "a-.example", "ab--cd.example", "xn--abc.example", "a_b.example", "a..b",
            "a b.example", "invalid-\u0080-server", "a\u200db.example", "1\u0627.example", "b@c"})
    void aDomainThatIdnaRejectsIsInvalid(String domain) {
        assertInvalid("juliet@" + domain, JidPart.DOMAINPART);
    }

    // --- localpart rules ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"b\"d", "b&d", "b'd", "b:d", "b<d", "b>d",
            "foo bar", "<invalid node>"})
    void theCharactersRfc7622ForbidsInTheLocalpartAreRejected(String localpart) {
        assertInvalid(localpart + "@example.net", JidPart.LOCALPART).hasMessageContaining("forbidden character")
                .hasMessageContaining("RFC 7622 §3.3.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"henry\u2163", "\u265a", "\u00ad", "ﬁ", "1\u0627", "a\u3000b", "\u0007"})
    void aLocalpartThatPrecisRejectsIsInvalid(String localpart) {
        assertInvalid(localpart + "@example.com", JidPart.LOCALPART).hasMessageContaining("PRECIS");
    }

    @Test
    void aResourcepartThatPrecisRejectsIsInvalid() {
        assertInvalid("node@server/invalid-\u0000-resource", JidPart.RESOURCEPART).hasMessageContaining("PRECIS");
    }

    // --- lengths ------------------------------------------------------------------------------------------------

    @Test
    void aLocalpartOf1023OctetsIsValidAnd1024IsNot() {
        assertThat(Jid.parse("a".repeat(1023) + "@example.com").localpart()).hasValueSatisfying(
                l -> assertThat(l).hasSize(1023));
        assertInvalid("a".repeat(1024) + "@example.com", JidPart.LOCALPART).hasMessageContaining("1023");
        assertThat(Jid.parse("é".repeat(511) + "a@example.com")).isNotNull();
        assertInvalid("é".repeat(512) + "@example.com", JidPart.LOCALPART);
    }

    @Test
    void theLocalpartLimitCountsOctetsAfterPreparation() {
        // 1534 octets as given, 1023 after NFC composes each e + U+0301 into é.
        assertThat(Jid.parse("e\u0301".repeat(511) + "a@example.com").localpart())
                .hasValue("é".repeat(511) + "a");
        assertInvalid("e\u0301".repeat(512) + "@example.com", JidPart.LOCALPART)
                .hasMessageContaining("1024 octets of UTF-8 after preparation");
    }

    @Test
    void aDomainpartOf1023OctetsIsValidAnd1024IsNot() {
        String domain = ("a".repeat(63) + ".").repeat(15) + "a".repeat(63);
        assertThat(domain).hasSize(1023);

        assertThat(Jid.parse("juliet@" + domain).domain()).isEqualTo(domain);
        assertThat(Jid.parse("juliet@" + domain + ".").domain()).as("the stripped dot does not count")
                .isEqualTo(domain);
        assertInvalid("juliet@" + domain + "a", JidPart.DOMAINPART).hasMessageContaining("1023");
        assertThat(Jid.parse("ü".repeat(511) + "a").domain()).hasSize(512);
        assertInvalid("ü".repeat(512), JidPart.DOMAINPART).hasMessageContaining("1024 octets");
    }

    @Test
    void aResourcepartOf1023OctetsIsValidAnd1024IsNot() {
        assertThat(Jid.parse("juliet@example.com/" + "r".repeat(1023)).resourcepart()).isPresent();
        assertInvalid("juliet@example.com/" + "r".repeat(1024), JidPart.RESOURCEPART);
        String emoji = "\ud83d\ude00";
        assertThat(Jid.parse("juliet@example.com/" + emoji.repeat(255) + "abc").resourcepart()).isPresent();
        assertInvalid("juliet@example.com/" + emoji.repeat(256), JidPart.RESOURCEPART);
    }

    @Test
    void aHugePartIsRejectedBeforePreparation() {
        assertInvalid("ü".repeat(100_000) + "@example.com", JidPart.LOCALPART).hasMessageContaining("UTF-16 units");
    }

    // --- empty parts --------------------------------------------------------------------------------------------

    @Test
    void emptyPartsAreNamed() {
        assertInvalid("@example.com", JidPart.LOCALPART).hasMessageContaining("is empty");
        assertInvalid("juliet@", JidPart.DOMAINPART).hasMessageContaining("is empty");
        assertInvalid("", JidPart.DOMAINPART).hasMessageContaining("is empty");
        assertInvalid("juliet@example.com/", JidPart.RESOURCEPART).hasMessageContaining("is empty");
    }

    // --- equality -----------------------------------------------------------------------------------------------

    @Test
    void jidsThatNormaliseAlikeAreEqualAndHashAlike() {
        Jid a = Jid.parse("Juliet@EXAMPLE.com./balcony");
        Jid b = Jid.parse("juliet@example.com/balcony");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void resourcepartsCompareCaseSensitively() {
        assertThat(Jid.parse("juliet@example.com/Balcony")).isNotEqualTo(Jid.parse("juliet@example.com/balcony"));
    }

    @Test
    void aJidIsNotEqualToItsString() {
        assertThat((Object) Jid.parse("example.com")).isNotEqualTo("example.com");
    }

    // --- derived JIDs -------------------------------------------------------------------------------------------

    @Test
    void bareDropsTheResourceAndKeepsABareJidAsItIs() {
        Jid full = Jid.parse("juliet@example.com/balcony");
        Jid bare = full.bare();

        assertThat(bare).hasToString("juliet@example.com").isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(bare.isBare()).isTrue();
        assertThat(bare.localpart()).contains("juliet");
        assertThat(bare.bare()).isSameAs(bare);
        assertThat(Jid.parse("example.com/x").bare()).isEqualTo(Jid.parse("example.com"));
    }

    @Test
    void withResourcePreparesOnlyTheNewResourcepart() {
        Jid jid = Jid.parse("juliet@example.com/balcony");

        assertThat(jid.withResource("orchard\u00a0gate")).hasToString("juliet@example.com/orchard gate");
        assertThat(jid.bare().withResource("orchard")).isEqualTo(Jid.parse("juliet@example.com/orchard"));
        assertThat(Jid.parse("example.com").withResource("a/b").resourcepart()).contains("a/b");
        assertThat(jid.withResource("x").localpart()).contains("juliet");
    }

    @Test
    void withAnInvalidResourceNamesTheArgument() {
        assertThatThrownBy(() -> Jid.parse("juliet@example.com").withResource(""))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(JidPart.RESOURCEPART);
                    assertThat(e.input()).isEmpty();
                });
    }

    // --- factories ----------------------------------------------------------------------------------------------

    @Test
    void factoriesPrepareEachPartLikeParse() {
        assertThat(Jid.of("Example.COM.")).isEqualTo(Jid.parse("example.com"));
        assertThat(Jid.of("Juliet", "Example.COM")).isEqualTo(Jid.parse("juliet@example.com"));
        assertThat(Jid.of("Juliet", "Example.COM", "Balcony/East")).hasToString("juliet@example.com/Balcony/East");
        assertThat(Jid.of("juliet", "[::1]", "r")).isEqualTo(Jid.parse("juliet@[::1]/r"));
    }

    @Test
    void factoriesRejectPartsThatWouldChangeTheSplit() {
        assertThatThrownBy(() -> Jid.of("juliet@evil", "example.com"))
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(JidPart.LOCALPART);
                    assertThat(e.input()).isEqualTo("juliet@evil");
                });
        assertThatThrownBy(() -> Jid.of("juliet", "example.com/evil"))
                .isInstanceOfSatisfying(InvalidJidException.class,
                        e -> assertThat(e.part()).isEqualTo(JidPart.DOMAINPART));
        assertThatThrownBy(() -> Jid.of("", "example.com"))
                .isInstanceOfSatisfying(InvalidJidException.class,
                        e -> assertThat(e.part()).isEqualTo(JidPart.LOCALPART));
        assertThatThrownBy(() -> Jid.of("juliet", "example.com", ""))
                .isInstanceOfSatisfying(InvalidJidException.class,
                        e -> assertThat(e.part()).isEqualTo(JidPart.RESOURCEPART));
    }

    @Test
    void nullIsRejectedWithANullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> Jid.parse(null));
        assertThatNullPointerException().isThrownBy(() -> Jid.of(null));
        assertThatNullPointerException().isThrownBy(() -> Jid.of("a", null));
        assertThatNullPointerException().isThrownBy(() -> Jid.of("a", "b", null));
        assertThatNullPointerException().isThrownBy(() -> Jid.parse("a@b").withResource(null));
    }

    // --- the exception ------------------------------------------------------------------------------------------

    @Test
    void theExceptionNamesThePartTheRuleAndTheInput() {
        assertThatThrownBy(() -> Jid.parse("\"juliet\"@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOfSatisfying(InvalidJidException.class, e -> {
                    assertThat(e.part()).isEqualTo(JidPart.LOCALPART);
                    assertThat(e.input()).isEqualTo("\"juliet\"@example.com");
                    assertThat(e.reason()).isEqualTo("contains the forbidden character '\"' (U+0022), RFC 7622 §3.3.1");
                    assertThat(e.getMessage()).isEqualTo("Invalid JID \"\"juliet\"@example.com\": the localpart "
                            + "contains the forbidden character '\"' (U+0022), RFC 7622 §3.3.1");
                });
    }

    @Test
    void aLongInputIsShortenedInTheMessageButNotInTheAccessor() {
        String input = "x".repeat(5000) + "@example.com";

        assertThatThrownBy(() -> Jid.parse(input)).isInstanceOfSatisfying(InvalidJidException.class, e -> {
            assertThat(e.getMessage()).hasSizeLessThan(400).contains("(5012 chars)");
            assertThat(e.input()).isEqualTo(input);
        });
    }
}
