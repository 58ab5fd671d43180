package org.xmppreactive.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmppreactive.xml.XmlElement;

class PayloadCodecTest {

    record Priority(int level) {
        Priority {
            if (level < 0) {
                throw new IllegalArgumentException("level must not be negative: " + level);
            }
        }
    }

    final PayloadCodec<Priority> codec = PayloadCodec.of("urn:example:prio", "priority", Priority.class,
            element -> new Priority(Integer.parseInt(element.text())),
            p -> XmlElement.builder("urn:example:prio", "priority").text(Integer.toString(p.level())).build());

    @Test
    void aCodecFromTwoFunctionsReadsAndWrites() {
        XmlElement xml = codec.encode(new Priority(5));
        assertThat(xml.text()).isEqualTo("5");
        assertThat(codec.decode(xml)).isEqualTo(new Priority(5));
    }

    @Test
    void itChecksTheElementNameBeforeCallingTheDecoder() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("urn:example:prio", "urgency").text("1").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("expected <priority xmlns='urn:example:prio'/> but got <urgency xmlns='urn:example:prio'/>");
    }

    @Test
    void anIllegalArgumentFromTheDecoderBecomesAPayloadException() {
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("urn:example:prio", "priority").text("-1").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessage("<priority xmlns='urn:example:prio'/> is not valid: level must not be negative: -1");
        assertThatThrownBy(() -> codec.decode(XmlElement.builder("urn:example:prio", "priority").text("x").build()))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("For input string: \"x\"");
    }

    @Test
    void anEncoderThatWritesTheWrongElementIsCaught() {
        PayloadCodec<Priority> wrong = PayloadCodec.of("urn:example:prio", "priority", Priority.class,
                e -> new Priority(0), p -> XmlElement.builder("urn:example:prio", "oops").build());
        assertThatThrownBy(() -> wrong.encode(new Priority(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrote <oops");
    }
}
