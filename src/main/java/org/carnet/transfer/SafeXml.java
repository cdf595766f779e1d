package org.carnet.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLReporter;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.carnet.core.Messages;
import javax.xml.stream.XMLStreamReader;

/**
 * A streaming XML cursor for files uploaded by strangers (export files to import), that refuses the
 * well-known ways an XML file attacks its reader instead of trusting the parser's defaults:
 * <ul>
 *   <li>a DTD ({@code <!DOCTYPE}) is refused outright: no export we read has one, and every entity trick
 *       (billion laughs, external entities reading {@code /etc/passwd} or calling a URL) needs one;</li>
 *   <li>the text of one element is accumulated up to a limit (50 MB by default), and the parser may not read
 *       more than that many bytes for a single event (a huge attribute, CDATA section, comment or DTD), so a
 *       gigantic value ends in {@link ImportFormatException}, not in {@link OutOfMemoryError} (with the
 *       default limit, the worst case still needs some 350 MB of heap for a moment); CDATA sections are
 *       handed over in chunks like any other text, so that they too are counted as they grow;</li>
 *   <li>nesting deeper than {@value #MAX_DEPTH} elements is refused (the parser keeps a stack per level);</li>
 *   <li>a parse error, a truncated file among them, becomes an {@link ImportFormatException} that names the
 *       entry the caller said it was reading ({@link #entry(int)}) and the line.</li>
 * </ul>
 * It wraps the JDK's own StAX parser ({@link XMLInputFactory#newDefaultFactory()}), so that a library on the
 * class path cannot swap in a parser with other defaults. Callers walk the document with {@link #nextChild()},
 * {@link #text()} (or {@link #leafText()}) and {@link #skip()}; they never see the raw reader, so every event goes
 * through the checks.
 */
public final class SafeXml implements AutoCloseable {

    /** The largest text of one element, in characters, and the most bytes read for one XML event. */
    public static final long DEFAULT_MAX_VALUE = 50L * 1024 * 1024;

    /** Exports are a handful of levels deep; anything much deeper is an attack on the parser's stack. */
    static final int MAX_DEPTH = 256;

    static final String DTD_REFUSED = "xml.dtd";

    private final GuardedInput input;
    private final XMLStreamReader reader;   // null when the input is not XML at all
    private final long maxValue;
    private int depth;
    private int entry;

    private SafeXml(InputStream in, long maxValue) {
        this.maxValue = maxValue;
        this.input = new GuardedInput(in, maxValue);
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Belt and braces: even if a DTD slipped through, it could not fetch anything.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are not allowed: " + systemId);
        });
        // Without this the JDK parser holds a whole CDATA section before reporting it, and only the byte guard
        // could stop a big one (WordPress wraps every post in CDATA); in chunks, text() counts it as it grows.
        factory.setProperty("jdk.xml.cdataChunkSize", 8192);
        // Recoverable errors are of no use here; fatal ones reach us as exceptions. (Malformed UTF-8 is still
        // echoed on stderr by a JDK-internal default handler that StAX gives no way to replace.)
        factory.setProperty(XMLInputFactory.REPORTER, (XMLReporter) (message, type, info, location) -> { });
        XMLStreamReader created;
        try {
            // The JDK parser already reads the XML declaration (and sniffs the encoding) here.
            created = factory.createXMLStreamReader(input);
        } catch (XMLStreamException e) {
            created = null;
        }
        this.reader = created;
    }

    public static SafeXml open(InputStream in) {
        return open(in, DEFAULT_MAX_VALUE);
    }

    /** @param maxValue the largest element text (characters) and single XML event (bytes) accepted */
    public static SafeXml open(InputStream in, long maxValue) {
        return new SafeXml(in, maxValue);
    }

    /** Tells which entry (1-based) the caller is reading, so that errors can name it. */
    public void entry(int entry) {
        this.entry = entry;
    }

    public int entry() {
        return entry;
    }

    /** An {@link ImportFormatException} at the entry being read. */
    public ImportFormatException refuse(String reasonKey, Object... args) {
        return new ImportFormatException(entry, reasonKey, args);
    }

    /**
     * Moves to the root element. Returns false when the file is not XML at all (the caller knows what it
     * expected and says so better); a DTD or an oversized prolog is still refused with its own reason.
     */
    public boolean toRoot() {
        if (reader == null) {
            return false;
        }
        try {
            while (true) {
                int event = rawNext();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    return false;
                }
            }
        } catch (XMLStreamException e) {
            return false;
        }
    }

    /**
     * From inside an element (on its start tag, or on the end tag of a child), moves to the next child's start
     * tag and returns true, or to the element's own end tag and returns false. Text between children is ignored.
     */
    public boolean nextChild() {
        while (true) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT:
                    return true;
                case XMLStreamConstants.END_ELEMENT:
                case XMLStreamConstants.END_DOCUMENT:
                    return false;
                default:
                    break;
            }
        }
    }

    /**
     * The text inside the current element (its descendants' text included, tags dropped), leaving the cursor
     * on its end tag. Refused beyond the size limit, checked as the text grows rather than once it is all read.
     */
    public String text() {
        return text(maxValue);
    }

    /** {@link #text()} with a lower limit, for values that are short by nature (ids, dates, names). */
    public String text(long limit) {
        return text(limit, true);
    }

    /**
     * {@link #text()} for formats that escape or wrap in CDATA every value they hold, as WordPress does: there,
     * an element inside a value means the file is something else, and it is refused rather than flattened.
     */
    public String leafText() {
        return text(maxValue, false);
    }

    private String text(long limit, boolean elementsInside) {
        long max = Math.min(limit, maxValue);
        String name = writtenName();
        StringBuilder text = new StringBuilder();
        int level = 1;
        while (level > 0) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!elementsInside) {
                        throw refuse("xml.unexpected", writtenName(), name);
                    }
                    level++;
                }
                case XMLStreamConstants.END_ELEMENT -> level--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    int length = reader.getTextLength();
                    if (text.length() + (long) length > max) {
                        throw refuse("xml.textTooLarge", name, size(max));
                    }
                    text.append(reader.getTextCharacters(), reader.getTextStart(), length);
                }
                case XMLStreamConstants.END_DOCUMENT -> throw refuse("xml.endsInside", name);
                default -> { }
            }
        }
        return text.toString();
    }

    /** Skips the current element and everything in it, leaving the cursor on its end tag; keeps nothing. */
    public void skip() {
        int level = 1;
        while (level > 0) {
            switch (next()) {
                case XMLStreamConstants.START_ELEMENT -> level++;
                case XMLStreamConstants.END_ELEMENT -> level--;
                case XMLStreamConstants.END_DOCUMENT -> throw refuse("xml.endsInElement");
                default -> { }
            }
        }
    }

    /** Reads to the end of the document, so that a truncated or malformed tail is still noticed. */
    public void finish() {
        while (next() != XMLStreamConstants.END_DOCUMENT) {
            // the remaining events (comments, whitespace) carry nothing
        }
    }

    /** Whether the current element is {namespace}localName; "" is no namespace, as RSS's elements have. */
    public boolean is(String namespace, String localName) {
        return localName.equals(reader.getLocalName()) && namespace.equals(namespace());
    }

    public String localName() {
        return reader.getLocalName();
    }

    /** The current element's name as the file writes it ("content:encoded"): for messages, not for matching. */
    private String writtenName() {
        String prefix = reader.getPrefix();
        return prefix == null || prefix.isEmpty() ? reader.getLocalName() : prefix + ":" + reader.getLocalName();
    }

    /** The current element's namespace, "" when it has none. */
    public String namespace() {
        String namespace = reader.getNamespaceURI();
        return namespace == null ? "" : namespace;
    }

    /** An unprefixed attribute of the current start tag, or null. */
    public String attribute(String localName) {
        return reader.getAttributeValue(null, localName);
    }

    /** Whether the current start tag declares this namespace URI (under any prefix). */
    public boolean declares(String namespaceUri) {
        return declaredNamespaces().contains(namespaceUri);
    }

    /** The namespace URIs the current start tag declares, in the file's order. */
    public List<String> declaredNamespaces() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < reader.getNamespaceCount(); i++) {
            String uri = reader.getNamespaceURI(i);
            if (uri != null) {
                uris.add(uri);
            }
        }
        return uris;
    }

    /** The next event, with every parse error turned into an {@link ImportFormatException}. */
    private int next() {
        try {
            return rawNext();
        } catch (XMLStreamException e) {
            throw parseError(e);
        }
    }

    private int rawNext() throws XMLStreamException {
        if (reader == null) {
            throw refuse("xml.notXml");
        }
        input.eventStart();
        int event = reader.next();
        switch (event) {
            case XMLStreamConstants.DTD -> throw refuse(DTD_REFUSED);
            case XMLStreamConstants.START_ELEMENT -> {
                if (++depth > MAX_DEPTH) {
                    throw refuse("xml.tooDeep", MAX_DEPTH);
                }
            }
            case XMLStreamConstants.END_ELEMENT -> depth--;
            default -> { }
        }
        return event;
    }

    private ImportFormatException parseError(XMLStreamException e) {
        // The parser's own words are English and name its internals: the line is what helps; they stay in the cause.
        Location at = e.getLocation();
        int line = at == null ? -1 : at.getLineNumber();
        if (input.ended) {
            return line < 0 ? new ImportFormatException(entry, e, "xml.truncated")
                    : new ImportFormatException(entry, e, "xml.truncatedAt", line);
        }
        return line < 0 ? new ImportFormatException(entry, e, "xml.malformed")
                : new ImportFormatException(entry, e, "xml.malformedAt", line);
    }

    /** 50 MB, 64 KB, 100 bytes: for messages. */
    static Messages.Text size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return new Messages.Text("import.size.mb", bytes / (1024 * 1024));
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? new Messages.Text("import.size.kb", bytes / 1024)
                : new Messages.Text("import.size.bytes", bytes);
    }

    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // closing a reader releases nothing we depend on; the stream is the caller's to close
        }
    }

    /**
     * Counts the bytes the parser pulls for one event. The JDK parser hands long text over in chunks of a few
     * kilobytes, but must hold a whole attribute value, CDATA section, comment or DTD in memory before it can
     * report it: this is where those are cut short. It also notes when the parser has asked past the last byte:
     * an error after that is a file that stops too early.
     */
    private final class GuardedInput extends FilterInputStream {
        private final long limit;
        private long count;
        private long eventStart;
        boolean ended;

        GuardedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        void eventStart() {
            eventStart = count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
                return n;
            }
            count += n;
            // The parser reads ahead by a buffer, hence the slack on top of the limit.
            if (count - eventStart > limit + 64 * 1024) {
                // Unchecked on purpose: the JDK parser lets runtime exceptions through untouched.
                throw refuse("xml.valueTooLarge", size(limit));
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Read rather than skip, so that skipped bytes are counted too.
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            int read = n <= 0 ? 0 : read(scratch, 0, scratch.length);
            return Math.max(read, 0);
        }
    }
}
