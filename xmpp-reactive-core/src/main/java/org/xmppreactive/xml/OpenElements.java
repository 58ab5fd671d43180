package org.xmppreactive.xml;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.xmppreactive.xml.NameTable.Name;

/**
 * The elements that are open at the decoder's position, from the stream root down, each with the name its end
 * tag must repeat and the namespace declarations it made; resolves prefixes against them (Namespaces in XML 1.0
 * §6). Kept as arrays, without recursion, so that nesting as deep as the limits allow costs no stack.
 */
final class OpenElements {

    private Name[] names = new Name[16];
    private int[] firstBinding = new int[16];   // per open element: its first entry in prefixes/uris
    private String[] defaults = new String[17]; // per depth: the default namespace in force, "" for none
    private int depth;
    private String[] prefixes = new String[16];
    private String[] uris = new String[16];
    private int bindings;

    OpenElements() {
        reset();
    }

    /** Forgets everything but the {@code xml} prefix, which is always bound. */
    void reset() {
        Arrays.fill(names, 0, depth, null);
        depth = 0;
        bindings = 0;
        defaults[0] = "";
        bind("xml", XmlAttribute.XML_NAMESPACE);
    }

    /** How many elements are open: 1 inside the stream root, 2 inside a top-level element, and so on. */
    int depth() {
        return depth;
    }

    /** Opens an element named {@code name}; its declarations follow with {@link #bind}. */
    void push(Name name) {
        if (depth == names.length) {
            names = Arrays.copyOf(names, depth * 2);
            firstBinding = Arrays.copyOf(firstBinding, depth * 2);
            defaults = Arrays.copyOf(defaults, depth * 2 + 1);
        }
        names[depth] = name;
        firstBinding[depth++] = bindings;
        defaults[depth] = defaults[depth - 1];
    }

    /** Closes the innermost element, dropping its declarations, and returns its name. */
    Name pop() {
        Name name = names[--depth];
        bindings = firstBinding[depth];
        names[depth] = null;
        return name;
    }

    /** Declares {@code prefix} ({@code ""} for the default namespace) on the innermost element. */
    void bind(String prefix, String uri) {
        if (bindings == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, bindings * 2);
            uris = Arrays.copyOf(uris, bindings * 2);
        }
        prefixes[bindings] = prefix;
        uris[bindings++] = uri;
        if (prefix.isEmpty()) {
            defaults[depth] = uri;
        }
    }

    /** Whether the innermost element has already declared {@code prefix}. */
    boolean declaredHere(String prefix) {
        for (int i = depth == 0 ? bindings : firstBinding[depth - 1]; i < bindings; i++) {
            if (prefixes[i].equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The declarations the innermost element made, prefix to URI. */
    Map<String, String> declaredHere() {
        Map<String, String> declared = new HashMap<>();
        for (int i = firstBinding[depth - 1]; i < bindings; i++) {
            declared.put(prefixes[i], uris[i]);
        }
        return declared;
    }

    /**
     * The URI the interned {@code prefix} is bound to here; {@code ""} for the unbound default namespace; null for
     * any other unbound prefix.
     */
    String resolve(String prefix) {
        if (prefix.isEmpty()) {
            return defaults[depth];
        }
        for (int i = bindings - 1; i >= 0; i--) {
            if (prefixes[i] == prefix) {           // prefixes are interned
                return uris[i];
            }
        }
        return null;
    }
}
