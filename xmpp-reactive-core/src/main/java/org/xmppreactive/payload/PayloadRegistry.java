package org.xmppreactive.payload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xmppreactive.xml.XmlElement;

/**
 * The payload codecs a session knows: an immutable instance that maps each (namespace, element name) to one codec
 * and each Java type to the same codec. There is no global registry; give each client or server the registry it
 * needs.
 *
 * <pre>{@code
 * PayloadRegistry registry = PayloadRegistry.standard().toBuilder()
 *         .register(JacksonPayloadCodec.of(Weather.class))
 *         .build();
 *
 * Optional<Weather> weather = registry.decode(element, Weather.class);   // empty if element is something else
 * XmlElement xml = registry.encode(new Weather("Verona", 21));
 * }</pre>
 *
 * <p>A registry is safe to share between threads.
 */
public final class PayloadRegistry {

    private final List<PayloadCodec<?>> codecs;
    private final Map<Name, PayloadCodec<?>> byName;
    private final Map<Class<?>, PayloadCodec<?>> byType;

    private PayloadRegistry(Builder builder) {
        this.codecs = List.copyOf(builder.codecs);
        this.byName = Map.copyOf(builder.byName);
        this.byType = Map.copyOf(builder.byType);
    }

    /**
     * A new registry with the codecs of the core payloads: {@link Ping}, {@link DiscoInfo}, {@link Bind} and
     * {@link RosterQuery}.
     */
    public static PayloadRegistry standard() {
        return builder().register(Ping.codec()).register(DiscoInfo.codec()).register(Bind.codec())
                .register(RosterQuery.codec()).build();
    }

    /** A builder with no codecs. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with this registry's codecs, to build a registry with more. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        codecs.forEach(builder::register);
        return builder;
    }

    /** The codecs, in the order they were registered. */
    public List<PayloadCodec<?>> codecs() {
        return codecs;
    }

    /** The codec for the element named {@code elementName} in {@code namespace}, if one is registered. */
    public Optional<PayloadCodec<?>> codecFor(String namespace, String elementName) {
        return Optional.ofNullable(byName.get(new Name(namespace, elementName)));
    }

    /**
     * The codec registered for exactly {@code type} (not a supertype or subtype of it), if there is one.
     */
    @SuppressWarnings("unchecked")   // register() files each codec under its own type()
    public <T> Optional<PayloadCodec<T>> codecFor(Class<T> type) {
        return Optional.ofNullable((PayloadCodec<T>) byType.get(type));
    }

    /**
     * Reads {@code element} as a {@code type}, if it is the element {@code type}'s codec handles.
     *
     * @return the value, or empty if {@code element} has another name
     * @throws PayloadException         if the element has the right name but is not valid
     * @throws IllegalArgumentException if no codec is registered for {@code type}: a configuration mistake,
     *     reported rather than answered with a silent empty
     */
    public <T> Optional<T> decode(XmlElement element, Class<T> type) {
        Objects.requireNonNull(element, "element");
        PayloadCodec<T> codec = codecFor(type).orElseThrow(() -> new IllegalArgumentException(
                "no payload codec is registered for " + type.getName()
                        + "; add one with PayloadRegistry.builder().register(...)"));
        return codec.handles(element) ? Optional.of(codec.decode(element)) : Optional.empty();
    }

    /**
     * Reads {@code element} with whichever codec handles its name.
     *
     * @return the value, or empty if no codec handles the element (it stays an {@link XmlElement})
     * @throws PayloadException if a codec handles the element but it is not valid
     */
    public Optional<Object> decode(XmlElement element) {
        PayloadCodec<?> codec = byName.get(new Name(element.namespace(), element.localName()));
        return codec == null ? Optional.empty() : Optional.of(codec.decode(element));
    }

    /**
     * Writes {@code payload} with the codec registered for its class.
     *
     * @throws IllegalArgumentException if no codec is registered for exactly the payload's class
     */
    public XmlElement encode(Object payload) {
        Objects.requireNonNull(payload, "payload");
        PayloadCodec<?> codec = byType.get(payload.getClass());
        if (codec == null) {
            throw new IllegalArgumentException("no payload codec is registered for " + payload.getClass().getName()
                    + "; add one with PayloadRegistry.builder().register(...)");
        }
        return encode(codec, payload);
    }

    private static <T> XmlElement encode(PayloadCodec<T> codec, Object payload) {
        return codec.encode(codec.type().cast(payload));
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(codecs.size());
        for (PayloadCodec<?> codec : codecs) {
            names.add("{" + codec.namespace() + "}" + codec.elementName() + "=" + codec.type().getSimpleName());
        }
        return "PayloadRegistry" + names;
    }

    /** Collects codecs for a {@link PayloadRegistry}; refuses a second codec for the same name or the same type. */
    public static final class Builder {
        private final List<PayloadCodec<?>> codecs = new ArrayList<>();
        private final Map<Name, PayloadCodec<?>> byName = new HashMap<>();
        private final Map<Class<?>, PayloadCodec<?>> byType = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds {@code codec}.
         *
         * @throws IllegalArgumentException if a codec for the same (namespace, element name), or for the same Java
         *     type, is already registered: two codecs for one payload would make reading it ambiguous
         */
        public Builder register(PayloadCodec<?> codec) {
            Objects.requireNonNull(codec, "codec");
            Name name = new Name(Objects.requireNonNull(codec.namespace(), "codec.namespace()"),
                    Objects.requireNonNull(codec.elementName(), "codec.elementName()"));
            Class<?> type = Objects.requireNonNull(codec.type(), "codec.type()");
            PayloadCodec<?> sameName = byName.get(name);
            if (sameName != null) {
                throw new IllegalArgumentException("a codec for " + name + " is already registered (for "
                        + sameName.type().getName() + "); cannot also register one for " + type.getName());
            }
            PayloadCodec<?> sameType = byType.get(type);
            if (sameType != null) {
                throw new IllegalArgumentException("a codec for " + type.getName() + " is already registered (for "
                        + new Name(sameType.namespace(), sameType.elementName()) + "); cannot also register one for "
                        + name);
            }
            codecs.add(codec);
            byName.put(name, codec);
            byType.put(type, codec);
            return this;
        }

        /** The immutable registry. The builder may be used on afterwards without affecting it. */
        public PayloadRegistry build() {
            return new PayloadRegistry(this);
        }
    }

    /** A qualified element name. */
    private record Name(String namespace, String localName) {
        @Override
        public String toString() {
            return PayloadException.describe(namespace, localName);
        }
    }
}
