package org.xmppreactive.payload;

import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import org.xmppreactive.stream.StreamErrorException;
import org.xmppreactive.xml.StreamEvent;
import org.xmppreactive.xml.XmlElement;
import org.xmppreactive.xml.XmlNode;
import org.xmppreactive.xml.XmppStreamDecoder;
import org.xmppreactive.xml.XmppStreamEncoder;

/**
 * Binds a user's own class to a payload element with Jackson's XML data format, so that a custom payload takes an
 * annotated class and one line of registration.
 *
 * <pre>{@code
 * @JacksonXmlRootElement(namespace = "urn:example:weather", localName = "weather")
 * public record Weather(@JacksonXmlProperty(isAttribute = true) String city,
 *                       String summary,
 *                       @JacksonXmlProperty(localName = "reading") List<Reading> readings) { }
 *
 * PayloadRegistry registry = PayloadRegistry.standard().toBuilder()
 *         .register(JacksonPayloadCodec.of(Weather.class))
 *         .build();
 * // <weather xmlns='urn:example:weather' city='Verona'><summary>sunny</summary><reading .../><reading .../></weather>
 * }</pre>
 *
 * <p>How the mapping is set up, and why:
 * <ul>
 *   <li>The element name and namespace come from {@link JacksonXmlRootElement}; a payload without a namespace is
 *       not an XMPP extension, so both must be given.</li>
 *   <li>Lists are not wrapped (XMPP repeats elements: {@code <reading/><reading/>}); use
 *       {@code @JacksonXmlElementWrapper} on a property that wants a wrapper.</li>
 *   <li>Unknown elements and attributes are ignored, as XMPP payloads are extended by adding them.</li>
 *   <li>A {@code null} property is not written, so it reads back as {@code null}; an absent repeated element
 *       reads as an empty collection (or map), not {@code null}.</li>
 *   <li>Child elements Jackson writes without a namespace are put in the payload's namespace, as a hand-written
 *       {@code <weather xmlns='urn:example:weather'><summary/></weather>} would have them. Reading matches local
 *       names only, so either form is read.</li>
 *   <li>Woodstox is set explicitly as Jackson's StAX implementation (never found through the service loader),
 *       with DTDs and external entities off. What it parses is only ever what {@link XmppStreamEncoder} wrote from
 *       an already decoded {@link XmlElement}; what Jackson writes is parsed back by {@link XmppStreamDecoder}, so
 *       the project has one parser for peer input.</li>
 * </ul>
 * One limitation comes from jackson-dataformat-xml itself: whitespace-only text in an element that also has
 * attributes (a {@code @JacksonXmlText} property) reads as {@code null}. Text of plain child elements and attribute
 * values keep their whitespace exactly.
 *
 * <p>A codec holds its own {@link XmlMapper}; it is safe to share between threads.
 *
 * @param <T> the bound class
 */
public final class JacksonPayloadCodec<T> implements PayloadCodec<T> {

    // The decoder needs a stream around the element; the content namespace is never used by a payload.
    private static final byte[] STREAM_HEADER = ("<stream:stream xmlns='urn:x' xmlns:stream='"
            + StreamEvent.STREAM_NAMESPACE + "'>").getBytes(StandardCharsets.UTF_8);

    private final Class<T> type;
    private final String namespace;
    private final String elementName;
    private final XmlMapper mapper;

    private JacksonPayloadCodec(Class<T> type, String namespace, String elementName) {
        this.type = type;
        this.namespace = namespace;
        this.elementName = elementName;
        this.mapper = newMapper();
    }

    /**
     * A codec for {@code type}, which must be annotated with {@link JacksonXmlRootElement} giving both
     * {@code namespace} and {@code localName}.
     *
     * @throws IllegalArgumentException if the annotation, its namespace or its local name is missing
     */
    public static <T> JacksonPayloadCodec<T> of(Class<T> type) {
        Objects.requireNonNull(type, "type");
        JacksonXmlRootElement root = type.getAnnotation(JacksonXmlRootElement.class);
        String example = "@JacksonXmlRootElement(namespace = \"urn:example:weather\", localName = \"weather\")";
        if (root == null) {
            throw new IllegalArgumentException(type.getName() + " has no @JacksonXmlRootElement annotation, so "
                    + "its element name and namespace are unknown; annotate it like " + example);
        }
        if (root.namespace().isEmpty()) {
            throw new IllegalArgumentException("the @JacksonXmlRootElement of " + type.getName() + " has no "
                    + "namespace; an XMPP payload needs one, as in " + example);
        }
        if (root.localName().isEmpty()) {
            throw new IllegalArgumentException("the @JacksonXmlRootElement of " + type.getName() + " has no "
                    + "localName; give it one, as in " + example);
        }
        return new JacksonPayloadCodec<>(type, root.namespace(), root.localName());
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String elementName() {
        return elementName;
    }

    @Override
    public Class<T> type() {
        return type;
    }

    /**
     * Reads {@code element} into a new instance of the bound class.
     *
     * @throws PayloadException if the element has another name, or Jackson cannot bind it (the message includes
     *     Jackson's explanation)
     */
    @Override
    public T decode(XmlElement element) {
        if (!handles(element)) {
            throw PayloadException.unexpectedElement(namespace, elementName, element);
        }
        try {
            return mapper.readValue(XmppStreamEncoder.toXml(element), type);
        } catch (JsonProcessingException e) {
            throw new PayloadException("cannot read " + PayloadException.describe(namespace, elementName) + " as "
                    + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code payload} as its element.
     *
     * @throws PayloadException if Jackson cannot write the value, or what it writes cannot be read back (such as a
     *     string with a character XML 1.0 forbids)
     */
    @Override
    public XmlElement encode(T payload) {
        Objects.requireNonNull(payload, "payload");
        String xml;
        try {
            xml = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new PayloadException("cannot write " + type.getName() + " as "
                    + PayloadException.describe(namespace, elementName) + ": " + e.getOriginalMessage(), e);
        }
        XmlElement element = parse(xml);
        if (!element.localName().equals(elementName)) {
            throw new PayloadException("Jackson wrote <" + element.localName() + "/> for " + type.getName()
                    + " instead of " + PayloadException.describe(namespace, elementName)
                    + "; is another annotation renaming it?");
        }
        return inNamespace(element, namespace);
    }

    /** The mapper, for tests that check how it is configured. */
    XmlMapper mapper() {
        return mapper;
    }

    @Override
    public String toString() {
        return "JacksonPayloadCodec[" + PayloadException.describe(namespace, elementName) + " <-> " + type.getName()
                + "]";
    }

    private XmlElement parse(String xml) {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(STREAM_HEADER.length + body.length).put(STREAM_HEADER).put(body).flip();
        List<StreamEvent> events;
        try {
            events = new XmppStreamDecoder().feed(bytes);
        } catch (StreamErrorException e) {
            throw new PayloadException("cannot read back what Jackson wrote for " + type.getName() + ": "
                    + e.getMessage(), e);
        }
        for (StreamEvent event : events) {
            if (event instanceof StreamEvent.Element e) {
                return e.element();
            }
        }
        throw new PayloadException("Jackson wrote no element for " + type.getName() + ": " + xml);
    }

    // Elements in no namespace take the payload's, recursively; everything else is kept as it is.
    private static XmlElement inNamespace(XmlElement element, String namespace) {
        boolean changed = element.namespace().isEmpty();
        List<XmlNode> nodes = element.nodes();
        XmlNode[] mapped = new XmlNode[nodes.size()];
        for (int i = 0; i < mapped.length; i++) {
            XmlNode node = nodes.get(i);
            mapped[i] = node instanceof XmlElement child ? inNamespace(child, namespace) : node;
            changed |= mapped[i] != node;
        }
        if (!changed) {
            return element;
        }
        return new XmlElement(element.namespace().isEmpty() ? namespace : element.namespace(),
                element.localName(), element.attributes(), List.of(mapped));
    }

    private static XmlMapper newMapper() {
        WstxInputFactory input = new WstxInputFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        input.setProperty(XMLInputFactory.IS_COALESCING, true);
        WstxOutputFactory output = new WstxOutputFactory();
        // A raw CR in text would be read back as LF (XML 1.0 §2.11).
        output.setProperty(WstxOutputProperties.P_OUTPUT_ESCAPE_CR, true);
        XmlMapper.Builder builder = XmlMapper.builder(
                        XmlFactory.builder().xmlInputFactory(input).xmlOutputFactory(output).build())
                .defaultUseWrapper(false)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // null is written as nothing, so that it reads back as null rather than as ""
                .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL));
        // An absent repeated element is an empty collection, not null.
        for (Class<?> container : List.of(Collection.class, List.class, Set.class, Map.class)) {
            builder.withConfigOverride(container,
                    o -> o.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)));
        }
        return builder.build();
    }
}
