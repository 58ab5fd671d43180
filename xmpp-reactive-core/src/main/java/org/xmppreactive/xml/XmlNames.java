package org.xmppreactive.xml;

/**
 * Checks names against the XML 1.0 (Fifth Edition) {@code NameStartChar}/{@code NameChar} productions, without
 * colons (Namespaces in XML 1.0 {@code NCName}). Used wherever a name from user code becomes markup.
 */
final class XmlNames {

    private XmlNames() {
    }

    /** Returns {@code name} if it is an NCName, else throws {@link IllegalArgumentException} saying why. */
    static String requireNcName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an XML name must not be empty");
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            boolean ok = i == 0 ? isNameStart(c) : isNameChar(c);
            if (!ok) {
                throw new IllegalArgumentException(String.format(
                        "'%s' is not an XML name: U+%04X is not allowed at index %d", name, c, i));
            }
            i += Character.charCount(c);
        }
        return name;
    }

    static boolean isNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF)
                || (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D)
                || (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF)
                || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
    }

    static boolean isNameChar(int c) {
        return isNameStart(c) || c == '-' || c == '.' || (c >= '0' && c <= '9') || c == 0xB7
                || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
    }
}
