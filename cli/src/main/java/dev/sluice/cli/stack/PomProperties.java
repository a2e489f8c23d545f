package dev.sluice.cli.stack;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The root pom's {@code <properties>}: the single place where versions are pinned. The stack reads the versions of
 * Kafka and the registry from there instead of repeating them.
 */
final class PomProperties {

    private final Path pom;
    private final Map<String, String> properties;

    private PomProperties(Path pom, Map<String, String> properties) {
        this.pom = pom;
        this.properties = properties;
    }

    static PomProperties read(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            Map<String, String> properties = new HashMap<>();
            NodeList sections = document.getDocumentElement().getChildNodes();
            for (int i = 0; i < sections.getLength(); i++) {
                Node section = sections.item(i);
                if (section instanceof Element element && element.getTagName().equals("properties")) {
                    NodeList entries = element.getChildNodes();
                    for (int j = 0; j < entries.getLength(); j++) {
                        if (entries.item(j) instanceof Element entry) {
                            properties.put(entry.getTagName(), entry.getTextContent().trim());
                        }
                    }
                }
            }
            return new PomProperties(pom, properties);
        } catch (Exception e) {
            throw new StackException("Cannot read the version properties from " + pom + ": " + e.getMessage(), e);
        }
    }

    String require(String name) {
        String value = properties.get(name);
        if (value == null || value.isEmpty()) {
            throw new StackException("Property <" + name + "> is missing from " + pom + "; the local stack takes its versions from there.");
        }
        return value;
    }
}
